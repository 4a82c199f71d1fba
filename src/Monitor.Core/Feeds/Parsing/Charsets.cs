using System.Text;

namespace Monitor.Core.Feeds.Parsing;

/// <summary>
/// Maps the charset labels feeds and servers write to .NET encodings, the way browsers read them:
/// ISO-8859-1 is windows-1252, GB2312 is GB18030, Python-style aliases ("utf_16", "u16") are understood.
/// </summary>
internal static class Charsets
{
    static Charsets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static readonly Encoding Utf8 = new UTF8Encoding(false, true);
    public static Encoding Windows1252 => Encoding.GetEncoding(1252);

    // Hand-kept, only where WHATWG and .NET's names disagree: AngleSharp's WHATWG table costs 13 MiB, lacks CJK labels, reads unknown as UTF-8.
    private static readonly Dictionary<string, int> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        // Browsers (WHATWG) read these labels as supersets; real feeds rely on it.
        ["iso-8859-1"] = 1252, ["iso8859-1"] = 1252, ["iso_8859-1"] = 1252, ["latin1"] = 1252, ["latin-1"] = 1252,
        ["l1"] = 1252, ["cp819"] = 1252, ["ibm819"] = 1252, ["iso-ir-100"] = 1252, ["x-cp1252"] = 1252,
        ["iso-8859-9"] = 1254, ["latin5"] = 1254,
        ["gb2312"] = 54936, ["gbk"] = 54936, ["x-gbk"] = 54936, ["gb_2312-80"] = 54936, ["csgb2312"] = 54936, ["chinese"] = 54936,
        ["euc-kr"] = 949, ["windows-949"] = 949, ["cp949"] = 949, ["windows-31j"] = 932,
        // ASCII is read as UTF-8, its superset; Python-style spellings of UTF-8.
        ["us-ascii"] = 65001, ["ascii"] = 65001, ["ansi_x3.4-1968"] = 65001, ["iso646-us"] = 65001,
        ["utf8"] = 65001, ["utf_8"] = 65001, ["u8"] = 65001,
    };

    /// <summary>The Unicode family a label names, whatever its byte order or spelling (utf-16, UTF_16LE, u16, ucs-2...).</summary>
    public static UnicodeWidth WidthOf(string label)
    {
        var l = label.Replace("_", "-").ToLowerInvariant();
        if (l is "u16" or "utf16" or "ucs-2" or "ucs2" or "unicode" or "iso-10646-ucs-2" || l.StartsWith("utf-16")) return UnicodeWidth.Utf16;
        if (l is "u32" or "utf32" or "ucs-4" or "ucs4" or "iso-10646-ucs-4" || l.StartsWith("utf-32")) return UnicodeWidth.Utf32;
        return UnicodeWidth.None;
    }

    /// <summary>The encoding for an 8-bit label, or null when the label is unknown or not one we will decode with.</summary>
    public static Encoding? ForLabel(string label)
    {
        label = label.Trim().Trim('"', '\'').Trim();
        if (label.Length == 0 || label.Length > 40) return null;
        if (Aliases.TryGetValue(label, out var codePage)) return codePage == 65001 ? Utf8 : Encoding.GetEncoding(codePage);
        try
        {
            var encoding = Encoding.GetEncoding(label);
            // UTF-7 smuggles markup past filters; it is never a feed's real encoding.
            return encoding.CodePage == 65000 ? null : encoding.CodePage == 65001 ? Utf8 : encoding;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null; // unknown, or UTF-7, which .NET refuses anyway
        }
    }

    /// <summary>The charset parameter of a Content-Type header, or null ("text/xml; charset='utf-8'" → utf-8).</summary>
    public static string? FromContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return null;
        foreach (var part in contentType.Split(';').Skip(1))
        {
            var eq = part.IndexOf('=');
            if (eq < 0 || !part[..eq].Trim().Equals("charset", StringComparison.OrdinalIgnoreCase)) continue;
            var value = part[(eq + 1)..].Trim().Trim('"', '\'').Trim();
            return value.Length > 0 ? value : null;
        }
        return null;
    }

    public static bool IsUnicode(Encoding e) => e.CodePage is 65001 or 1200 or 1201 or 12000 or 12001;

    /// <summary>A short, stable name for reports: "utf-8", "windows-1252", "utf-16be"...</summary>
    public static string NameOf(Encoding e) => e.CodePage switch
    {
        1200 => "utf-16le", 1201 => "utf-16be", 12000 => "utf-32le", 12001 => "utf-32be", _ => e.WebName,
    };
}

internal enum UnicodeWidth { None, Utf16, Utf32 }
