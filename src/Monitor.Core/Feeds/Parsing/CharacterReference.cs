using System.Globalization;

namespace Monitor.Core.Feeds.Parsing;

/// <summary>Numeric character references (&amp;#233; &amp;#xE9;) and which characters XML 1.0 allows.</summary>
internal static class CharacterReference
{
    /// <summary>Reads "233", "x0E9" or "X0E9" (the part between '&amp;#' and ';').</summary>
    public static bool TryParse(ReadOnlySpan<char> digits, out int code)
    {
        code = 0;
        if (digits.Length is 0 or > 10) return false;
        return digits[0] is 'x' or 'X'
            ? int.TryParse(digits[1..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out code)
            : int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out code);
    }

    /// <summary>The character a reference stands for, or null when it is malformed or not allowed in XML.</summary>
    public static string? Decode(ReadOnlySpan<char> digits) =>
        TryParse(digits, out var code) && IsXmlChar(code) ? char.ConvertFromUtf32(HtmlRemap(code)) : null;

    /// <summary>
    /// HTML reads references to the C1 controls as windows-1252 (&amp;#146; is ’), and feeds written for
    /// browsers rely on it; no feed means a C1 control.
    /// </summary>
    public static int HtmlRemap(int code) => code is >= 0x80 and <= 0x9F && C1[code - 0x80] != 0 ? C1[code - 0x80] : code;

    public static bool IsXmlChar(int c) =>
        c is 0x9 or 0xA or 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);

    private static readonly int[] C1 =
    [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ];
}
