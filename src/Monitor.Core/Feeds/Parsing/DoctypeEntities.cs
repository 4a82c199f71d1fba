using System.Text;
using System.Text.RegularExpressions;

namespace Monitor.Core.Feeds.Parsing;

/// <summary>
/// The general entities a DOCTYPE's internal subset declares. The DOCTYPE itself never reaches the XML parser:
/// internal entities are expanded here under a size cap (entity bombs fail fast), external ones are never
/// fetched and their references are dropped.
/// </summary>
internal sealed partial class DoctypeEntities
{
    /// <summary>Characters all expansions in one document may produce together.</summary>
    public const int MaxExpandedCharacters = 1_000_000;
    private const int MaxDepth = 16;

    private readonly Dictionary<string, string> _internal = new(StringComparer.Ordinal);
    private readonly HashSet<string> _external = new(StringComparer.Ordinal);
    private long _produced;

    public void Declare(string internalSubset)
    {
        foreach (Match m in EntityDeclaration().Matches(internalSubset))
        {
            var name = m.Groups["name"].Value;
            if (_internal.ContainsKey(name) || _external.Contains(name)) continue; // XML: the first declaration binds
            if (m.Groups["value"].Success) _internal[name] = m.Groups["value"].Value;
            else _external.Add(name);
        }
    }

    public bool IsExternal(string name) => _external.Contains(name);

    public bool IsInternal(string name) => _internal.ContainsKey(name);

    /// <summary>The plain text an internal entity stands for, nested references expanded.</summary>
    /// <exception cref="FeedFormatException">The expansion is recursive or exceeds the cap.</exception>
    public string Expand(string name)
    {
        var text = new StringBuilder();
        Expand(name, text, 0);
        return text.ToString();
    }

    private void Expand(string name, StringBuilder text, int depth)
    {
        if (depth > MaxDepth) throw new FeedFormatException($"entity '{name}' nests more than {MaxDepth} levels deep (recursive?)");
        var value = _internal[name];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var end = c == '&' ? value.IndexOf(';', i + 1) : -1;
            if (end < 0 || end - i > 40)
            {
                Append(text, c.ToString());
                continue;
            }
            var reference = value[(i + 1)..end];
            i = end;
            if (reference.StartsWith('#')) Append(text, CharacterReference.Decode(reference.AsSpan(1)) ?? "");
            else if (_internal.ContainsKey(reference)) Expand(reference, text, depth + 1);
            else if (HtmlEntities.Resolve(reference) is { } html) Append(text, html); // also covers the 5 XML ones
            // anything else (external, undeclared) is left out
        }
    }

    private void Append(StringBuilder text, string chars)
    {
        _produced += chars.Length;
        if (_produced > MaxExpandedCharacters)
            throw new FeedFormatException($"entity expansion exceeds {MaxExpandedCharacters:N0} characters (an entity bomb?)");
        text.Append(chars);
    }

    [GeneratedRegex(@"<!ENTITY\s+(?!%)(?<name>[^\s%;&<>""']+)\s+(?:""(?<value>[^""]*)""|'(?<value>[^']*)'|(?:SYSTEM|PUBLIC)\b[^>]*)\s*>")]
    private static partial Regex EntityDeclaration();
}
