using System.Collections;
using System.Globalization;
using System.Reflection;

namespace Monitor.Tests.Feeds.Conformance;

/// <summary>
/// Evaluates the C# accessor chains transcribed from FeedReader's own tests ("feed.Items.ElementAt(4).Title",
/// "((Rss091FeedImage)feed.Image).Height", "itunesChannel.Categories[0].Children[0].Text") by reflection over
/// FeedReader's model: members, indexers, casts (ignored: the runtime type decides), LINQ element operators,
/// string Trim/Contains/StartsWith and FeedReader's extension methods.
/// </summary>
internal sealed class AccessorExpression(string text, IReadOnlyDictionary<string, object?> variables)
{
    private int _p;

    public static object? Evaluate(string text, IReadOnlyDictionary<string, object?> variables)
    {
        var e = new AccessorExpression(text.Trim(), variables);
        var value = e.Chain();
        if (e._p != e.Text.Length) throw new FormatException($"unexpected '{e.Text[e._p..]}' in {text}");
        return value;
    }

    private string Text { get; } = text;

    private object? Chain()
    {
        var value = Primary();
        while (_p < Text.Length)
        {
            if (Text[_p] == '.')
            {
                _p++;
                var name = Identifier();
                value = Peek('(') ? Call(value, name, Arguments()) : Member(value, name);
            }
            else if (Text[_p] == '[')
            {
                _p++;
                var index = int.Parse(Until(']'), CultureInfo.InvariantCulture);
                _p++;
                value = ElementAt(value, index);
            }
            else break;
        }
        return value;
    }

    private object? Primary()
    {
        if (Peek('('))
        {
            _p++;
            if (Peek('(')) // "((Type)expr)": the cast changes nothing for reflection
            {
                _p++;
                Until(')');
                _p++;
            }
            var inner = Chain();
            Expect(')');
            return inner;
        }
        if (Peek('"')) return StringLiteral();
        var name = Identifier();
        return variables.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException("unknown variable " + name);
    }

    private List<object?> Arguments()
    {
        Expect('(');
        var args = new List<object?>();
        while (!Peek(')'))
        {
            args.Add(Peek('"') ? StringLiteral() : int.Parse(Until(',', ')').Trim(), CultureInfo.InvariantCulture));
            if (Peek(',')) _p++;
        }
        Expect(')');
        return args;
    }

    private static object? Member(object? target, string name)
    {
        if (target is null) throw new NullReferenceException($"'{name}' read on null");
        var property = target.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
        if (property is not null) return property.GetValue(target);
        // A boxed Nullable<T> is the T itself, so ".Value" is the value.
        if (name == "Value") return target;
        throw new MissingMemberException(target.GetType().Name, name);
    }

    private static object? Call(object? target, string name, List<object?> args)
    {
        switch (name, target)
        {
            case ("Trim", string s): return s.Trim();
            case ("Contains", string s): return s.Contains((string)args[0]!, StringComparison.Ordinal);
            case ("StartsWith", string s): return s.StartsWith((string)args[0]!, StringComparison.Ordinal);
            case ("First", IEnumerable e): return e.Cast<object?>().First();
            case ("Last", IEnumerable e): return e.Cast<object?>().Last();
            case ("ElementAt", IEnumerable e): return ElementAt(e, (int)args[0]!);
            case ("Count", IEnumerable e): return e.Cast<object?>().Count();
            case ("Contains", IEnumerable e): return e.Cast<object?>().Contains(args[0]);
        }
        if (target is null) throw new NullReferenceException($"'{name}()' called on null");
        var method = target.GetType().GetMethod(name, BindingFlags.Public | BindingFlags.Instance, args.Select(a => a!.GetType()).ToArray());
        if (method is not null) return method.Invoke(target, [.. args]);
        var extension = typeof(CodeHollow.FeedReader.Feed).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .FirstOrDefault(m => m.Name == name && m.GetParameters().Length == args.Count + 1
                                 && m.GetParameters()[0].ParameterType.IsInstanceOfType(target));
        return extension is not null ? extension.Invoke(null, [target, .. args]) : throw new MissingMethodException(target.GetType().Name, name);
    }

    private static object? ElementAt(object? target, int index) => target switch
    {
        IList list => list[index],
        IEnumerable e => e.Cast<object?>().ElementAt(index),
        _ => throw new InvalidOperationException($"[{index}] on {target?.GetType().Name ?? "null"}"),
    };

    private string StringLiteral()
    {
        Expect('"');
        var value = new System.Text.StringBuilder();
        while (Text[_p] != '"')
        {
            if (Text[_p] == '\\') _p++;
            value.Append(Text[_p++]);
        }
        _p++;
        return value.ToString();
    }

    private string Identifier()
    {
        var start = _p;
        while (_p < Text.Length && (char.IsLetterOrDigit(Text[_p]) || Text[_p] == '_')) _p++;
        return start == _p ? throw new FormatException($"name expected at {_p} in {Text}") : Text[start.._p];
    }

    private string Until(params char[] stops)
    {
        var start = _p;
        while (_p < Text.Length && !stops.Contains(Text[_p])) _p++;
        return Text[start.._p];
    }

    private bool Peek(char c) => _p < Text.Length && Text[_p] == c;

    private void Expect(char c)
    {
        if (!Peek(c)) throw new FormatException($"'{c}' expected at {_p} in {Text}");
        _p++;
    }
}
