using System.Net;
using System.Text;

namespace Monitor.Core.Digest;

/// <summary>
/// Everything a feed provides is hostile until shown otherwise: text is HTML-encoded, links are kept only when
/// they are absolute http(s) URLs, and text bound for a header loses every line break and control character.
/// </summary>
public static class SafeText
{
    /// <summary>Text for HTML content or a quoted attribute: encoded, control characters dropped.</summary>
    public static string Html(string? text) => WebUtility.HtmlEncode(OneLine(text));

    /// <summary>The URL as an absolute http or https address, or null for anything else (javascript:, data:, relative, malformed).</summary>
    public static string? Link(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return null;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return null;
        if (uri.UserInfo.Length > 0 || uri.Host.Length == 0) return null;
        return uri.AbsoluteUri;
    }

    /// <summary>A single line: line breaks and other control characters become spaces, runs of spaces one.</summary>
    public static string OneLine(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            // Control characters, and the Unicode line and paragraph separators some clients honour.
            var blank = char.IsControl(c) || char.IsWhiteSpace(c) || c is '\u2028' or '\u2029';
            if (IsBidiControl(c)) continue;
            if (blank)
            {
                space = sb.Length > 0;
                continue;
            }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>
    /// Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) turn the rest of a line
    /// around ("…gpj.exe" shown for "exe.jpg…"): feed text never needs them. The marks (U+200E, U+200F) stay.
    /// </summary>
    public static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    public static string WithoutBidiControls(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text.AsSpan().IndexOfAnyInRange('\u202A', '\u202E') < 0 && text.AsSpan().IndexOfAnyInRange('\u2066', '\u2069') < 0
            ? text : string.Concat(text.Where(c => !IsBidiControl(c)));

    /// <summary>Text for a header (the subject): one line, at most <paramref name="max"/> characters.</summary>
    public static string Header(string? text, int max = 160)
    {
        var line = OneLine(text);
        return line.Length <= max ? line : line[..(max - 1)].TrimEnd() + "…";
    }

    /// <summary>Shortens text to about <paramref name="max"/> characters at a word boundary.</summary>
    public static string Shorten(string? text, int max)
    {
        var line = OneLine(text);
        if (line.Length <= max) return line;
        var cut = line.LastIndexOf(' ', max - 1);
        return (cut > max / 2 ? line[..cut] : line[..(max - 1)]).TrimEnd(',', ';', ':', ' ') + "…";
    }
}
