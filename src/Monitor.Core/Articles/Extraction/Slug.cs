using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Monitor.Core.Articles.Extraction;

/// <summary>Ids made from words: lower-case ASCII letters and digits joined by '-', as claims files require.</summary>
public static partial class Slug
{
    public static string From(string text, int maxLength = 60)
    {
        // Letters with accents keep their base letter ("Türkiye" → "turkiye").
        var folded = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) folded.Append(c);
        var slug = NotAllowed().Replace(folded.ToString().ToLowerInvariant().Replace("'", "").Replace("’", ""), "-").Trim('-');
        if (slug.Length > maxLength)
        {
            var cut = slug.LastIndexOf('-', maxLength);
            slug = slug[..(cut > maxLength / 2 ? cut : maxLength)].Trim('-');
        }
        return slug;
    }

    /// <summary>Whether <paramref name="id"/> can be an article, topic or claim id.</summary>
    public static bool IsValidId(string id) => ValidId().IsMatch(id);

    /// <summary><paramref name="id"/>, or id-2, id-3… when it is taken.</summary>
    public static string Unique(string id, ICollection<string> taken)
    {
        var candidate = id;
        for (var n = 2; taken.Contains(candidate); n++) candidate = $"{id}-{n}";
        taken.Add(candidate);
        return candidate;
    }

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NotAllowed();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex ValidId();
}
