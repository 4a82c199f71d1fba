using System.Xml;

namespace Monitor.Core.Feeds.Parsing;

/// <summary>A start or end tag read leniently: unquoted or missing attribute values, a '&lt;' before the '&gt;'.</summary>
internal sealed record MarkupTag(string Name, IReadOnlyList<(string Name, string? Value)> Attributes, bool SelfClosing, int End, bool Malformed)
{
    /// <summary>The start tag at <paramref name="at"/> (a '&lt;' followed by a name), or null when the text ends inside it.</summary>
    public static MarkupTag? ReadStart(string s, int at)
    {
        var p = at + 1;
        var name = ReadName(s, ref p);
        var attributes = new List<(string, string?)>();
        var malformed = false;
        while (true)
        {
            while (p < s.Length && char.IsWhiteSpace(s[p])) p++;
            if (p >= s.Length) return null;
            var c = s[p];
            if (c == '>') return new MarkupTag(name, attributes, false, p + 1, malformed);
            if (c == '/' && p + 1 < s.Length && s[p + 1] == '>') return new MarkupTag(name, attributes, true, p + 2, malformed);
            if (c == '<') return new MarkupTag(name, attributes, false, p, true); // never closed: end it here
            var attribute = ReadName(s, ref p);
            if (attribute.Length == 0)
            {
                p++; // a stray '/', quote or '=' where a name should be
                malformed = true;
                continue;
            }
            while (p < s.Length && char.IsWhiteSpace(s[p])) p++;
            if (p < s.Length && s[p] == '=')
            {
                p++;
                while (p < s.Length && char.IsWhiteSpace(s[p])) p++;
                if (p >= s.Length) return null;
                string value;
                if (s[p] is '"' or '\'')
                {
                    var close = s.IndexOf(s[p], p + 1);
                    if (close < 0) return null;
                    value = s[(p + 1)..close];
                    p = close + 1;
                }
                else
                {
                    var start = p;
                    while (p < s.Length && !char.IsWhiteSpace(s[p]) && s[p] != '>' && s[p] != '<') p++;
                    value = s[start..p];
                    malformed = true;
                }
                attributes.Add((attribute, value));
            }
            else
            {
                attributes.Add((attribute, null));
                malformed = true;
            }
        }
    }

    /// <summary>The end tag at <paramref name="at"/> ("&lt;/"); null when the text ends inside it.</summary>
    public static (string Name, int End)? ReadEnd(string s, int at)
    {
        var p = at + 2;
        var name = ReadName(s, ref p);
        while (p < s.Length && s[p] != '>' && s[p] != '<') p++;
        if (p >= s.Length) return null;
        return (name, s[p] == '>' ? p + 1 : p);
    }

    public static bool StartsName(char c) => XmlConvert.IsStartNCNameChar(c) || char.IsHighSurrogate(c);

    private static string ReadName(string s, ref int p)
    {
        var start = p;
        if (p >= s.Length || !StartsName(s[p])) return "";
        while (p < s.Length && (XmlConvert.IsNCNameChar(s[p]) || s[p] == ':' || char.IsSurrogate(s[p]))) p++;
        return s[start..p];
    }
}
