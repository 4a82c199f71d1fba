using System.Text;

namespace Monitor.Core.Feeds.Parsing;

/// <summary>Text and references: entities resolved or escaped, characters XML forbids dropped.</summary>
internal sealed partial class XmlRepairer
{
    /// <summary>An entity or character reference at <paramref name="i"/> ('&amp;'), written as XML will accept it.</summary>
    private int Reference(string s, int i, StringBuilder to, bool attribute)
    {
        var semicolon = s.IndexOf(';', i + 1, Math.Min(48, s.Length - i - 1));
        if (semicolon > i + 1)
        {
            var body = s.AsSpan(i + 1, semicolon - i - 1);
            if (body[0] == '#' && CharacterReference.TryParse(body[1..], out var code))
            {
                if (!CharacterReference.IsXmlChar(code)) _log.Add("reference to a character XML forbids removed");
                else
                {
                    if (body[1] == 'X' || CharacterReference.HtmlRemap(code) != code) _log.Add("character reference XML reads differently fixed");
                    to.Append("&#").Append(CharacterReference.HtmlRemap(code)).Append(';');
                }
                return semicolon + 1;
            }
            if (IsName(body))
            {
                var name = body.ToString();
                if (HtmlEntities.IsXmlPredefined(name)) to.Append('&').Append(name).Append(';');
                else if (_entities.IsInternal(name)) AppendText(_entities.Expand(name), to, attribute);
                else if (_entities.IsExternal(name)) _log.Add("external entity left unresolved");
                else if (HtmlEntities.Resolve(name) is { } html)
                {
                    foreach (var rune in html.EnumerateRunes()) to.Append("&#").Append(rune.Value).Append(';');
                    _log.Add("HTML entities replaced by characters");
                }
                else
                {
                    to.Append("&amp;");
                    _log.Add("unknown entity kept as text");
                    return i + 1;
                }
                return semicolon + 1;
            }
        }
        to.Append("&amp;");
        _log.Add("bare '&' escaped");
        return i + 1;
    }

    private static bool IsName(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || !MarkupTag.StartsName(s[0])) return false;
        foreach (var c in s)
            if (!(System.Xml.XmlConvert.IsNCNameChar(c) || c == ':')) return false;
        return true;
    }

    /// <summary>Text content or an attribute value, escaped as needed; characters XML forbids are dropped.</summary>
    private void AppendText(ReadOnlySpan<char> text, StringBuilder to, bool attribute)
    {
        for (var k = 0; k < text.Length; k++)
        {
            var c = text[k];
            switch (c)
            {
                case '<':
                    to.Append("&lt;");
                    if (attribute) _log.Add("'<' in an attribute value escaped");
                    break;
                case '>': to.Append("&gt;"); break;
                case '&': to.Append("&amp;"); break;
                case '"' when attribute: to.Append("&quot;"); break;
                default: k = AppendChar(text, k, to); break;
            }
        }
    }

    private void AppendText(string text, StringBuilder to, bool attribute) => AppendText(text.AsSpan(), to, attribute);

    private void AppendValid(ReadOnlySpan<char> text, StringBuilder to)
    {
        for (var k = 0; k < text.Length; k++) k = AppendChar(text, k, to);
    }

    /// <summary>Appends text[k] (and its low surrogate) if XML allows it; returns the index of the last character used.</summary>
    private int AppendChar(ReadOnlySpan<char> text, int k, StringBuilder to)
    {
        var c = text[k];
        if (c is (>= ' ' and < '\uD800') or '\t' or '\n' or '\r' or (>= '\uE000' and <= '\uFFFD')) to.Append(c);
        else if (char.IsHighSurrogate(c) && k + 1 < text.Length && char.IsLowSurrogate(text[k + 1])) to.Append(c).Append(text[++k]);
        else _log.Add("characters XML forbids removed");
        return k;
    }
}
