namespace Monitor.Core.Linking;

/// <summary>
/// Names the language of a headline and summary (ISO 639-1) from its script, the letters only some
/// languages use and their commonest short words. One pass over the text and one set lookup per word:
/// a few microseconds per item, no model, no network. Good enough to label items and to pick a display;
/// matching does not depend on it (see <see cref="TermFolding"/>).
/// </summary>
public static class LanguageIdentifier
{
    /// <summary>Returned when the text has too few letters to tell.</summary>
    public const string Unknown = "und";

    public static string Identify(string? title, string? summary) => Identify((title ?? "") + "\n" + (summary ?? ""));

    public static string Identify(string text)
    {
        int latin = 0, cyrillic = 0, armenian = 0, georgian = 0, arabic = 0, persian = 0, greek = 0, hebrew = 0, cjk = 0, kana = 0, hangul = 0;
        int ukrainian = 0, russianOnly = 0;
        var scores = new Dictionary<string, double>();
        void Add(string lang, double w) => scores[lang] = scores.GetValueOrDefault(lang) + w;

        foreach (var c in text)
        {
            switch (c)
            {
                case < 'A': continue;
                case <= 'z': if (char.IsLetter(c)) latin++; continue;
                case >= LatinFirst and <= LatinLast: latin++; LatinHint(c, Add); continue;
                case >= '\u0400' and <= '\u04FF':
                    cyrillic++;
                    if (c is 'і' or 'ї' or 'є' or 'ґ' or 'І' or 'Ї' or 'Є' or 'Ґ') ukrainian++;
                    if (c is 'ы' or 'э' or 'ё' or 'Ы' or 'Э' or 'Ё') russianOnly++;
                    continue;
                case >= '\u0530' and <= '\u058F': armenian++; continue;
                case >= '\u0600' and <= '\u06FF':
                    arabic++;
                    if (c is 'پ' or 'چ' or 'ژ' or 'گ' or 'ک' or 'ی') persian++;
                    continue;
                case >= '\u10A0' and <= '\u10FF': georgian++; continue;
                case >= '\u0370' and <= '\u03FF': greek++; continue;
                case >= '\u0590' and <= '\u05FF': hebrew++; continue;
                case >= '\u3040' and <= '\u30FF': kana++; continue;
                case >= '\uAC00' and <= '\uD7AF': hangul++; continue;
                case >= '\u4E00' and <= '\u9FFF': cjk++; continue;
            }
        }
        var scripts = new (string Lang, int Count)[]
        {
            ("latin", latin), ("cyrillic", cyrillic), ("hy", armenian), ("ka", georgian), ("arabic", arabic),
            ("el", greek), ("he", hebrew), ("ja", kana), ("ko", hangul), ("zh", cjk),
        };
        var (script, count) = scripts.MaxBy(s => s.Count);
        if (count < 3) return Unknown;
        switch (script)
        {
            case "cyrillic": return ukrainian > russianOnly ? "uk" : "ru";
            case "arabic": return persian * 20 >= arabic || HasWord(text, PersianWords) ? "fa" : "ar";
            case "zh": return kana > 0 ? "ja" : "zh";
            case "latin": break;
            default: return script;
        }

        foreach (var word in Words(text))
            if (LatinWords.TryGetValue(word, out var langs))
                foreach (var lang in langs) Add(lang, 1);
        if (scores.Count == 0) return "en";
        var best = scores.MaxBy(s => s.Value);
        return best.Value < 1 ? "en" : best.Key;
    }

    /// <summary>Letters that point at a language: ə only Azerbaijani writes, ı/ğ/ş Turkish and Azerbaijani, and so on.</summary>
    private static void LatinHint(char c, Action<string, double> add)
    {
        switch (LatinLower[c - LatinFirst])
        {
            case 'ə': add("az", 3); break;
            case 'ı' or 'ğ' or 'ş': add("tr", 0.6); add("az", 0.5); break;
            case 'ß': add("de", 2); break;
            case 'ä': add("de", 1); break;
            case 'ü' or 'ö': add("de", 0.4); add("tr", 0.4); add("az", 0.4); break;
            case 'ç': add("tr", 0.3); add("fr", 0.3); add("az", 0.3); add("pt", 0.2); break;
            case 'é' or 'è' or 'ê' or 'à' or 'ù' or 'œ': add("fr", 0.5); add("it", 0.2); break;
            case 'ñ': add("es", 2); break;
            case 'ã' or 'õ': add("pt", 2); break;
            case 'ą' or 'ę' or 'ł' or 'ś' or 'ź' or 'ż' or 'ń': add("pl", 2); break;
            case 'ő' or 'ű': add("hu", 2); break;
            case 'ș' or 'ț' or 'ţ': add("ro", 2); break;
            case 'ř' or 'ů' or 'ě': add("cs", 2); break;
        }
    }

    /// <summary>Accented and extended Latin letters (U+00C0 to U+02AF): the letters <see cref="LatinHint"/> reads.</summary>
    private const char LatinFirst = '\u00C0', LatinLast = '\u02AF';

    /// <summary>Their lower case, looked up once: char.ToLowerInvariant asks ICU for every such letter.</summary>
    private static readonly char[] LatinLower = Enumerable.Range(LatinFirst, LatinLast - LatinFirst + 1).Select(c => char.ToLowerInvariant((char)c)).ToArray();

    private static bool HasWord(string text, HashSet<string> words)
    {
        foreach (var w in Words(text)) if (words.Contains(w)) return true;
        return false;
    }

    private static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && (char.IsLetter(text[i]) || text[i] == '\u200C');
            if (letter && start < 0) start = i;
            else if (!letter && start >= 0)
            {
                if (i - start <= 6) yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    private static readonly HashSet<string> PersianWords = ["است", "این", "که", "را", "با", "از", "برای", "می", "شد", "های", "ایران"];

    // Short, frequent function words of each Latin-script language; a word shared by several counts for each.
    private static readonly Dictionary<string, string[]> LatinWords = Build(new()
    {
        ["en"] = "the of and to in is for on with that by from was has have said after its are will be at as over".Split(' '),
        ["de"] = "der die das und ist nicht mit den dem ein eine für von auf sich des im zu bei nach hat wird über auch aus".Split(' '),
        ["fr"] = "le la les des et est une du dans pour sur au aux par qui que avec pas ce cette sont selon après".Split(' '),
        ["es"] = "el los las del y es una por con para que se al su sus según tras como más".Split(' '),
        ["it"] = "il lo gli della delle di e è una per con che non nel nella sono dopo dal alla".Split(' '),
        ["pt"] = "o os as do da dos das e é um uma para com que não no na em pelo após".Split(' '),
        ["tr"] = "ve bir bu ile için da de olarak olan ise gibi daha çok ne sonra kadar ama".Split(' '),
        ["az"] = "və bir bu ilə üçün da də olaraq olan isə kimi daha çox sonra ki edib".Split(' '),
        ["pl"] = "i w z na się nie do że jest to o po przez dla od".Split(' '),
        ["nl"] = "de het een en van is dat op te voor met niet zijn".Split(' '),
        ["ro"] = "și în la cu pe din este care pentru un o".Split(' '),
        ["hu"] = "a az és hogy nem egy is meg volt után".Split(' '),
        ["sv"] = "och att det som en är på för med av till inte".Split(' '),
    });

    private static Dictionary<string, string[]> Build(Dictionary<string, string[]> byLanguage) =>
        byLanguage.SelectMany(l => l.Value.Select(w => (Word: w, Lang: l.Key)))
            .GroupBy(x => x.Word)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Lang).ToArray());
}

/// <summary>English names of the languages <see cref="LanguageIdentifier"/> tells apart, for pages and digests.</summary>
public static class LanguageNames
{
    private static readonly Dictionary<string, string> Names = new()
    {
        ["en"] = "English", ["ru"] = "Russian", ["uk"] = "Ukrainian", ["hy"] = "Armenian", ["ka"] = "Georgian",
        ["az"] = "Azerbaijani", ["tr"] = "Turkish", ["fa"] = "Persian", ["ar"] = "Arabic", ["de"] = "German",
        ["fr"] = "French", ["es"] = "Spanish", ["it"] = "Italian", ["pt"] = "Portuguese", ["pl"] = "Polish",
        ["nl"] = "Dutch", ["ro"] = "Romanian", ["hu"] = "Hungarian", ["sv"] = "Swedish", ["cs"] = "Czech",
        ["el"] = "Greek", ["he"] = "Hebrew", ["zh"] = "Chinese", ["ja"] = "Japanese", ["ko"] = "Korean",
    };

    /// <summary>"Russian" for "ru"; the code itself for one without a name; null for English, unknown or none.</summary>
    public static string? OfForeign(string? code) =>
        string.IsNullOrEmpty(code) || code is "en" or LanguageIdentifier.Unknown ? null : Names.GetValueOrDefault(code, code);
}
