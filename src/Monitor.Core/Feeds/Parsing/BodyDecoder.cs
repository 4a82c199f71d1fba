using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace Monitor.Core.Feeds.Parsing;

/// <summary>A feed body turned into text, with the encoding used and what did not add up.</summary>
internal sealed record DecodedBody(string Text, Encoding Encoding, IReadOnlyList<string> Repairs);

/// <summary>
/// Decides a body's encoding: the HTTP charset, then the byte order mark, then the XML declaration, then the
/// byte pattern (UTF-16/32 without a BOM), then UTF-8. A label that contradicts the bytes is overruled by them.
/// </summary>
internal static partial class BodyDecoder
{
    public static DecodedBody Decode(byte[] body, string? contentType)
    {
        var repairs = new List<string>();
        var (bom, bomLength) = ByteOrderMark(body);
        var bytesSay = bom ?? UnicodeByPattern(body);

        Encoding? chosen = null;
        if (Charsets.FromContentType(contentType) is { } httpLabel)
            chosen = Resolve(httpLabel, bytesSay, "HTTP charset", repairs);
        // A BOM is a fact about the bytes: a label that disagrees with it is the one that is wrong (see Resolve).
        if (bom is not null)
        {
            chosen = bom;
            if (DeclaredEncoding(body, bom) is { } declaredWithBom) Resolve(declaredWithBom, bom, "XML declaration", repairs);
        }
        if (chosen is null && DeclaredEncoding(body, bytesSay) is { } declared)
            chosen = Resolve(declared, bytesSay, "XML declaration", repairs);
        chosen ??= bytesSay ?? Charsets.Utf8;

        var payload = body.AsSpan(bomLength);
        if (!Charsets.IsUnicode(chosen) && HasNonAscii(payload) && IsValidUtf8(payload))
        {
            // Valid multi-byte UTF-8 is vanishingly rare in legacy-encoded text: the label is stale.
            repairs.Add($"labelled {Charsets.NameOf(chosen)} but the bytes are UTF-8");
            chosen = Charsets.Utf8;
        }
        var text = chosen.CodePage == 65001 ? DecodeUtf8(payload, repairs) : chosen.GetString(payload);
        return new DecodedBody(text.TrimStart('\uFEFF'), chosen, repairs);
    }

    /// <summary>The encoding a label names, given what the bytes already show; null when it cannot be right.</summary>
    private static Encoding? Resolve(string label, Encoding? bytesSay, string origin, List<string> repairs)
    {
        var width = Charsets.WidthOf(label);
        if (bytesSay is not null)
        {
            // The bytes fix the byte order; a label only has to agree on the width.
            if (width == WidthOf(bytesSay) && (width != UnicodeWidth.None || Charsets.ForLabel(label)?.CodePage == 65001)) return bytesSay;
            repairs.Add($"{origin} says '{Clip(label)}' but the bytes are {Charsets.NameOf(bytesSay)}");
            return null;
        }
        if (width != UnicodeWidth.None)
        {
            repairs.Add($"{origin} says '{Clip(label)}' but the bytes are not {width}");
            return null;
        }
        var encoding = Charsets.ForLabel(label);
        if (encoding is null || !IsAsciiCompatible(encoding))
        {
            repairs.Add($"{origin} names an unknown or unusable charset '{Clip(label)}'");
            return null;
        }
        return encoding;
    }

    private static (Encoding? Encoding, int Length) ByteOrderMark(byte[] b) => b switch
    {
        [0xFF, 0xFE, 0x00, 0x00, ..] => (new UTF32Encoding(false, false), 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(true, false), 4),
        [0xEF, 0xBB, 0xBF, ..] => (Charsets.Utf8, 3),
        [0xFE, 0xFF, ..] => (new UnicodeEncoding(true, false), 2),
        [0xFF, 0xFE, ..] => (new UnicodeEncoding(false, false), 2),
        _ => (null, 0),
    };

    /// <summary>UTF-16/32 without a BOM, recognised by where the zero bytes of an ASCII '&lt;' or space fall.</summary>
    private static Encoding? UnicodeByPattern(byte[] b) => b switch
    {
        [0x00, 0x00, 0x00, not 0x00, ..] => new UTF32Encoding(true, false),
        [not 0x00, 0x00, 0x00, 0x00, ..] => new UTF32Encoding(false, false),
        [0x00, not 0x00, 0x00, not 0x00, ..] => new UnicodeEncoding(true, false),
        [not 0x00, 0x00, not 0x00, 0x00, ..] => new UnicodeEncoding(false, false),
        _ => null,
    };

    private static UnicodeWidth WidthOf(Encoding e) => e switch
    {
        UnicodeEncoding => UnicodeWidth.Utf16,
        UTF32Encoding => UnicodeWidth.Utf32,
        _ => UnicodeWidth.None,
    };

    private static string? DeclaredEncoding(byte[] body, Encoding? bytesSay)
    {
        var head = body.AsSpan(0, Math.Min(body.Length, 2048));
        // Latin-1 reads any ASCII-compatible head without failing on a multi-byte character cut at the edge.
        var text = (bytesSay is null || bytesSay.CodePage == 65001 ? Encoding.Latin1 : bytesSay).GetString(head);
        var m = XmlDeclarationEncoding().Match(text);
        return m.Success ? m.Groups[1].Value : null;
    }

    private static bool IsAsciiCompatible(Encoding e) => e.GetBytes("<?xml a='b'?>").AsSpan().SequenceEqual("<?xml a='b'?>"u8);

    private static bool HasNonAscii(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0;

    private static bool IsValidUtf8(ReadOnlySpan<byte> bytes) => Utf8.IsValid(bytes);

    /// <summary>UTF-8, with any byte that is not part of a valid sequence read as windows-1252 (mixed-up feeds).</summary>
    private static string DecodeUtf8(ReadOnlySpan<byte> bytes, List<string> repairs)
    {
        if (Utf8.IsValid(bytes)) return Encoding.UTF8.GetString(bytes);
        repairs.Add("bytes that are not UTF-8 were read as windows-1252");
        var cp1252 = Charsets.Windows1252;
        var text = new StringBuilder(bytes.Length);
        Span<char> pair = stackalloc char[2];
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var used) == OperationStatus.Done)
                text.Append(pair[..rune.EncodeToUtf16(pair)]);
            else
            {
                used = 1;
                text.Append(cp1252.GetString(bytes[..1]));
            }
            bytes = bytes[used..];
        }
        return text.ToString();
    }

    private static string Clip(string label) => label.Length <= 40 ? label : label[..40] + "…";

    [GeneratedRegex(@"<\?xml\s[^>]*?encoding\s*=\s*[""']([^""'>]*)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex XmlDeclarationEncoding();
}
