using System.Text.RegularExpressions;

namespace Monitor.Core.Query;

/// <summary>
/// Groups coverage entries that tell one story: the same item met twice (two feeds dating it differently),
/// or a wire story syndicated with small edits (headlines or ledes sharing most of their words within three
/// days). Entries arrive newest first; each story is shown once, at its newest entry, with the others under it.
/// </summary>
public sealed partial class StoryGrouping
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(3);
    public const double TitleSimilarity = 0.6;
    public const double LedeSimilarity = 0.7;
    private const int LedeWords = 30;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "from", "that", "this", "into", "over", "after", "its", "has", "have", "had",
        "was", "were", "are", "will", "not", "but", "says", "said", "amid", "about", "than", "their", "his", "her",
    };

    private readonly List<Story> _stories = [];
    private readonly Dictionary<string, Story> _byItem = new(StringComparer.Ordinal);

    public int Count => _stories.Count;

    public IReadOnlyList<CoverageEntry> Stories => _stories.Select(s => s.ToEntry()).ToList();

    /// <summary>Adds an entry (newest first); returns true when it starts a new story.</summary>
    public bool Add(CoverageEntry entry)
    {
        if (_byItem.TryGetValue(entry.ItemId, out var same))
        {
            same.AddSources(entry.Sources);
            return false;
        }
        var title = Words(entry.Title, int.MaxValue);
        var lede = Words(entry.Summary, LedeWords);
        foreach (var story in _stories)
        {
            if (story.Lead.Published - entry.Published > Window) continue;
            if (Jaccard(title, story.Title) >= TitleSimilarity || (lede.Count >= 8 && Jaccard(lede, story.Lede) >= LedeSimilarity))
            {
                story.Add(entry);
                _byItem[entry.ItemId] = story;
                return false;
            }
        }
        var created = new Story(entry, title, lede);
        _stories.Add(created);
        _byItem[entry.ItemId] = created;
        return true;
    }

    private static HashSet<string> Words(string text, int max)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Word().Matches(text.ToLowerInvariant()))
        {
            if (m.Value.Length < 3 || StopWords.Contains(m.Value)) continue;
            words.Add(m.Value);
            if (words.Count >= max) break;
        }
        return words;
    }

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    private sealed class Story(CoverageEntry lead, HashSet<string> title, HashSet<string> lede)
    {
        private readonly List<string> _sources = [.. lead.Sources];
        private readonly List<RelatedItem> _related = [];

        public CoverageEntry Lead { get; } = lead;
        public HashSet<string> Title { get; } = title;
        public HashSet<string> Lede { get; } = lede;

        public void AddSources(IEnumerable<string> sources)
        {
            foreach (var s in sources) if (!_sources.Contains(s)) _sources.Add(s);
        }

        public void Add(CoverageEntry entry)
        {
            AddSources(entry.Sources);
            _related.Add(new RelatedItem(entry.Url, entry.Title, entry.Source, entry.Published));
        }

        public CoverageEntry ToEntry() => Lead with { Sources = _sources, AlsoReported = _related };
    }
}
