using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Monitor.Core.Feeds;

namespace Monitor.Tests.Feeds.Conformance;

/// <summary>
/// FeedReader's upstream test expectations (upstream-expectations.json in the codehollow-feedreader corpus),
/// checked against FeedReader's model as our pipeline produces it: the file goes through our decoding and
/// repair first, exactly as a polled body does.
/// </summary>
internal static partial class CodeHollowExpectations
{
    public sealed record Outcome(string Test, string Statement, bool Passed, string Detail);

    public static IEnumerable<Outcome> Run(string corpus)
    {
        var tests = JsonNode.Parse(File.ReadAllText(Path.Combine(corpus, "upstream-expectations.json")))!["tests"]!.AsArray();
        foreach (var test in tests)
        {
            var name = (string)test!["upstream_test"]!;
            var variables = new Dictionary<string, object?>();
            foreach (var statement in test["statements"]!.AsArray())
            {
                var s = statement!.AsObject();
                if (s["let"] is { } variable)
                {
                    Outcome? failure = null;
                    try { variables[(string)variable!] = Let((string)s["expr"]!, corpus, variables); }
                    catch (Exception e) when (e is FeedFormatException or System.Reflection.TargetInvocationException or InvalidOperationException or ArgumentException or MissingMemberException or NullReferenceException)
                    {
                        failure = new Outcome(name, (string)s["expr"]!, false, "let failed: " + e.Message);
                        variables[(string)variable!] = null;
                    }
                    if (failure is not null) yield return failure;
                    continue;
                }
                yield return s["eq"] is { } eq ? Equal(name, eq.AsObject(), variables) : Assertion(name, (string)s["assert"]!, variables);
            }
        }
    }

    private static object? Let(string expr, string corpus, Dictionary<string, object?> variables)
    {
        var read = ReadFromFile().Match(expr);
        if (!read.Success) return AccessorExpression.Evaluate(expr, variables);
        var file = Path.Combine(corpus, "FeedReader.Tests", read.Groups[1].Value);
        var (_, model) = FeedParser.ParseWithModel(File.ReadAllBytes(file), null);
        var rest = expr[read.Length..];
        return rest.Length == 0 ? model : AccessorExpression.Evaluate("feed" + rest, new Dictionary<string, object?> { ["feed"] = model });
    }

    private static Outcome Equal(string test, JsonObject eq, Dictionary<string, object?> variables)
    {
        var accessor = (string)eq["actual"]!;
        var expected = eq["expected"];
        object? actual;
        try { actual = AccessorExpression.Evaluate(accessor, variables); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new Outcome(test, accessor, false, $"{e.GetType().Name}: {e.Message}");
        }
        var ok = Matches(expected, actual);
        return new Outcome(test, accessor, ok, ok ? "" : $"expected {expected?.ToJsonString()}, got {Show(actual)}");
    }

    private static Outcome Assertion(string test, string assertion, Dictionary<string, object?> variables)
    {
        var m = AssertCall().Match(assertion);
        if (!m.Success) return new Outcome(test, assertion, false, "not an assertion this harness reads");
        try
        {
            var value = AccessorExpression.Evaluate(m.Groups[2].Value, variables);
            var ok = m.Groups[1].Value == "IsTrue" ? value is true : value is not null;
            return new Outcome(test, assertion, ok, ok ? "" : $"got {Show(value)}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new Outcome(test, assertion, false, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static bool Matches(JsonNode? expected, object? actual)
    {
        if (expected is null) return actual is null;
        if (expected is JsonObject o && o["DateTime"] is { } dt)
            return actual is DateTime d && d == DateTime.Parse((string)dt!, CultureInfo.InvariantCulture, DateTimeStyles.None);
        return expected.GetValueKind() switch
        {
            JsonValueKind.String => actual is string s && s == (string)expected!,
            JsonValueKind.Number => actual is not null and not string && Convert.ToDecimal(actual, CultureInfo.InvariantCulture) == (decimal)expected!,
            JsonValueKind.True or JsonValueKind.False => actual is bool b && b == (bool)expected!,
            _ => false,
        };
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => JsonSerializer.Serialize(s.Length > 120 ? s[..120] + "…" : s),
        DateTime d => d.ToString("s", CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    [GeneratedRegex(@"^FeedReader\.ReadFromFile\(""([^""]+)""\)")]
    private static partial Regex ReadFromFile();

    [GeneratedRegex(@"^Assert\.(IsTrue|IsNotNull)\((.*)\)$")]
    private static partial Regex AssertCall();
}
