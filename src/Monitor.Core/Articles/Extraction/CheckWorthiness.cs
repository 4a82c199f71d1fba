using System.Globalization;
using System.Text.RegularExpressions;
using Monitor.Core.Linking;

namespace Monitor.Core.Articles.Extraction;

/// <summary>
/// A sentence's check-worthiness: the score, the features that made it (shown in the claims file so the user
/// sees why a sentence was kept) or why it was rejected outright.
/// </summary>
public sealed record ScoredSentence(Sentence Sentence, double Score, IReadOnlyList<string> Features, string? Rejected)
{
    public bool IsCandidate => Rejected is null;
}

/// <summary>
/// Scores sentences by explainable features of check-worthy claims: numbers, dates and percentages, names,
/// attribution ("said", "warned"), events ("attacked", "signed"), predictions ("could", "will") and
/// comparisons ("the worst since"). Normative or first-person sentences ("must", "we") are opinion and lose
/// points; questions, headings and sentences too short or too long to be one claim are rejected.
/// </summary>
internal sealed partial class CheckWorthiness
{
    public const int MinWords = 8;
    public const int MaxWords = 70;

    private static readonly string[] AttributionWords =
    [
        "say", "said", "says", "announce", "claim", "declare", "declaring", "warn", "warning", "statement", "told", "tell",
        "report", "according", "argue", "believe", "deny", "denies", "accuse", "accusation", "insist", "confirm", "stress", "allege",
        "allegedly", "admit", "acknowledge", "estimate", "call", "calls", "quoted", "demand", "urge", "vow", "pledge", "promise",
        "question", "questioning", "criticise", "criticize", "doubt",
    ];

    private static readonly string[] EventWords =
    [
        "attack", "assault", "aggression", "kill", "killed", "dead", "death", "wound", "injure", "sign", "signed", "occupy", "occupied",
        "refuse", "launch", "strike", "struck", "target", "withdraw", "withdrew", "capture", "recapture", "invade", "invasion", "deploy",
        "station", "visit", "elect", "election", "resign", "arrest", "agree", "agreement", "reject", "sanction", "approve", "ban", "fire",
        "shell", "bomb", "destroy", "seize", "annex", "block", "blockade", "close", "force", "retreat", "flee", "fled", "clash",
        "fight", "fought", "supply", "transfer", "send", "sent", "provide", "support", "back", "fund", "invest", "ratify", "veto",
        "vote", "won", "win", "lose", "lost", "meet", "met", "host", "threaten", "condemn", "violate", "justify", "instruct", "order",
        "suspend", "freeze", "frozen", "expel", "dispatch", "intervene", "deal", "treaty", "negotiate", "negotiation", "open", "opened",
        "build", "built", "export", "import", "ship", "raise", "cut", "double", "remove", "replace",
    ];

    private static readonly HashSet<string> IrregularPast = new(StringComparer.Ordinal)
    {
        "struck", "sent", "fled", "won", "lost", "met", "fought", "withdrew", "built", "held", "shot", "took", "froze", "frozen", "cut",
        "dead", "killed",
    };

    private static readonly HashSet<string> Modals = new(StringComparer.Ordinal)
    {
        "will", "would", "could", "may", "might", "shall", "likely", "unlikely", "expected", "potentially", "poised", "threatens", "threaten",
    };

    private static readonly HashSet<string> FirstPerson = new(StringComparer.Ordinal) { "i", "we", "our", "us", "my", "me", "you", "your" };

    private static readonly HashSet<string> Hedges = new(StringComparer.Ordinal)
    {
        "arguably", "perhaps", "surely", "obviously", "clearly", "undoubtedly", "certainly",
    };

    private static readonly HashSet<string> NumberWords = new(StringComparer.Ordinal)
    {
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty", "fifty", "hundred",
        "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions", "dozen", "dozens", "half", "third", "quarter",
        "second", "ninth", "tenth", "double", "twice",
    };

    private static readonly HashSet<string> DateWords = new(StringComparer.Ordinal)
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tomorrow", "tonight",
    };

    private readonly HashSet<string> _attribution;
    private readonly HashSet<string> _events;

    public CheckWorthiness(TextAnalysis analysis)
    {
        _attribution = AttributionWords.SelectMany(analysis.Stems).ToHashSet();
        _events = EventWords.SelectMany(analysis.Stems).ToHashSet();
    }

    public ScoredSentence Score(SentenceTerms terms)
    {
        var sentence = terms.Sentence;
        var text = sentence.Text;
        var words = RawWord().Matches(text).Select(m => m.Value).ToList();
        var lower = words.Select(w => w.ToLowerInvariant()).ToList();

        if (sentence.IsHeading) return Reject(sentence, "heading");
        if (QuestionEnd().IsMatch(text)) return Reject(sentence, "question");
        if (words.Count < MinWords) return Reject(sentence, $"short ({words.Count} words)");
        if (words.Count > MaxWords) return Reject(sentence, $"long ({words.Count} words)");

        var features = new List<string>();
        var score = 0.0;
        void Add(double points, string feature)
        {
            score += points;
            features.Add(feature);
        }

        var capitalisedDate = words.Skip(1).Any(w => DateWords.Contains(w.ToLowerInvariant()) && char.IsUpper(w[0]));
        if (Digits().IsMatch(text) || lower.Any(NumberWords.Contains)) Add(1, "number");
        if (Percent().IsMatch(text)) Add(1, "percentage");
        if (Year().IsMatch(text) || capitalisedDate || lower.Any(w => w is "yesterday" or "today" or "tomorrow") || Relative().IsMatch(text))
            Add(1, "date");
        var entities = terms.Entities.Count();
        if (entities > 0) Add(Math.Min(2, 0.5 * entities), entities == 1 ? "1 name" : $"{entities} names");
        var stems = terms.Words.Select(w => w.Stem).ToHashSet();
        if (stems.Overlaps(_attribution) || lower.Contains("according")) Add(1, "attribution");
        var events = stems.Count(_events.Contains);
        // A verb in the past tense reports that the event happened, rather than naming it.
        var reported = terms.Words.Any(w => _events.Contains(w.Stem) && !w.IsEntity
            && (w.Surface.EndsWith("ed", StringComparison.OrdinalIgnoreCase) || IrregularPast.Contains(w.Surface.ToLowerInvariant())));
        if (events > 0) Add(Math.Min(1.5, 0.75 * events) + (reported ? 0.5 : 0), reported ? "event (past)" : "event");
        if (lower.Any(Modals.Contains)) Add(0.75, "prediction");
        if (Comparison().IsMatch(text)) Add(1, "comparison");
        if (Causal().IsMatch(text)) Add(0.5, "cause");
        if (Normative().IsMatch(text)) Add(-1.5, "opinion: normative");
        if (words.Where((w, i) => FirstPerson.Contains(lower[i]) && !(w == "US")).Any()) Add(-1, "opinion: first person");
        if (lower.Any(Hedges.Contains)) Add(-0.5, "opinion: hedged");
        if (text.TrimEnd().EndsWith('!')) Add(-1, "exclamation");
        return new ScoredSentence(sentence, Math.Round(score, 2), features, null);
    }

    public static string Describe(ScoredSentence s) =>
        string.Create(CultureInfo.InvariantCulture, $"score {s.Score:0.##}: {string.Join(", ", s.Features)}");

    private static ScoredSentence Reject(Sentence sentence, string why) => new(sentence, 0, [], why);

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*")]
    private static partial Regex RawWord();

    [GeneratedRegex(@"\?[""”’')\]]*\s*$")]
    private static partial Regex QuestionEnd();

    [GeneratedRegex(@"\d")]
    private static partial Regex Digits();

    [GeneratedRegex(@"\d\s*%|\b(per ?cent|percent)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Percent();

    [GeneratedRegex(@"\b(1[89]|20)\d\d\b")]
    private static partial Regex Year();

    [GeneratedRegex(@"\b(last|next|this|past|coming) (week|month|year|weekend|spring|summer|autumn|fall|winter)\b|\b(\w+ )?(days|weeks|months|years) (later|earlier|ago)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Relative();

    [GeneratedRegex(@"\b(must|should|ought to|needs? to|(is|are|was|were) needed)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Normative();

    [GeneratedRegex(@"\b(because|due to|(led|leads|leading|contributed|contributes|contributing) to|result(ed|s|ing)? in|caused|causing|forcing|forced)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Causal();

    [GeneratedRegex(@"\b(\w+est|worst|best|most|least|first|record)\b[^.;]{0,60}\b(since|ever|on record|in (\d+|decades|years))\b|\b(more|less|fewer) than\b|\b(doubl|tripl|halv)(e|ed|es|ing)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Comparison();
}
