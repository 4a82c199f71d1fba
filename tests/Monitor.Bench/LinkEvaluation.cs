using System.Text.Json;
using Monitor.Core.Articles;
using Monitor.Core.Feeds;
using Monitor.Core.Linking;

namespace Monitor.Bench;

/// <summary>
/// Cross-validation of the linking options over the labelled dev sets (`bench cv`). Items are split into k
/// folds (by a hash of their id, within each set); for each fold the options that score best on the other
/// folds are chosen from a grid and then used on the held-out fold. The held-out predictions of all folds
/// are scored together, the way `../shared/eval/run_eval.py` scores a run (same labels, same counting),
/// but in process, so a grid of options runs in seconds. Whole-set scores and ablations are printed beside.
/// </summary>
public static class LinkEvaluation
{
    private static readonly DateTimeOffset ArticleDate = new(2022, 9, 20, 0, 0, 0, TimeSpan.Zero);

    public sealed record Labelled(string Set, string Id, string Lang, string Kind, FeedItem Item, string[] Topics, string[] Claims)
    {
        public bool FollowUp => Item.Published >= ArticleDate && Kind != "background";
    }

    public static int Run(string root, int folds, string? perItem)
    {
        if (DevSets(root) is not { } items) return 0;
        var article = ArticleCatalog.LoadSeed();
        using var analysis = new TextAnalysis();
        var grid = Grid().ToList();
        var predictions = grid.Select(o => Predict(article, analysis, o, items)).ToList();

        Console.WriteLine($"{folds}-fold cross-validation over {items.Count} items ({string.Join(", ", items.GroupBy(i => i.Set).Select(g => $"{g.Key}: {g.Count()}"))}), {grid.Count} option sets");
        var heldOut = CrossValidate(items, predictions, folds, (f, best) => Console.WriteLine($"  fold {f + 1}: chose {Describe(grid[best])}"));

        Console.WriteLine();
        Console.WriteLine("Cross-validated (each fold scored with options chosen on the others):");
        Report(items, heldOut);
        var defaults = new LinkingOptions();
        Console.WriteLine();
        Console.WriteLine($"Whole sets, shipped defaults ({Describe(defaults)}):");
        var whole = Predict(article, analysis, defaults, items);
        Report(items, whole);
        if (perItem is not null) WritePerItem(perItem, items, whole);
        Console.WriteLine();
        Console.WriteLine("Ablations (whole sets, one switch changed from the defaults):");
        foreach (var (name, options) in Ablations())
        {
            var p = Predict(article, analysis, options, items);
            Console.WriteLine($"  {name,-42} {Line(Score(items, p, items.Where(i => i.Set == "dev").Select(i => items.IndexOf(i))))} | web-dev {Line(Score(items, p, items.Where(i => i.Set == "web-dev").Select(i => items.IndexOf(i))))}");
        }
        return 0;
    }

    /// <summary>Both dev sets, or null (with a message) when ../shared/eval is absent.</summary>
    public static List<Labelled>? DevSets(string root)
    {
        var folder = Path.GetFullPath(Path.Combine(root, "..", "shared", "eval"));
        var sets = new[] { "dev.jsonl", "web-dev.jsonl" }.Select(f => Path.Combine(folder, f)).ToList();
        if (sets.All(File.Exists)) return sets.SelectMany(Load).ToList();
        Console.Error.WriteLine($"skipped: the dev sets are absent ({folder})");
        return null;
    }

    /// <summary>
    /// For each fold, the candidate that scores best on the other folds predicts the held-out fold; returns
    /// the held-out predictions of all folds (reported with the index of each fold's choice).
    /// </summary>
    public static Prediction[] CrossValidate(IReadOnlyList<Labelled> items, IReadOnlyList<Prediction[]> candidates, int folds, Action<int, int> chose)
    {
        var fold = items.Select(i => (int)(Hash(i.Id) % (uint)folds)).ToArray();
        var heldOut = new Prediction[items.Count];
        for (var f = 0; f < folds; f++)
        {
            var train = Enumerable.Range(0, items.Count).Where(i => fold[i] != f).ToList();
            var best = Enumerable.Range(0, candidates.Count).MaxBy(g => Objective(items, candidates[g], train));
            foreach (var i in Enumerable.Range(0, items.Count).Where(i => fold[i] == f)) heldOut[i] = candidates[best][i];
            chose(f, best);
        }
        return heldOut;
    }

    private static IEnumerable<LinkingOptions> Grid()
    {
        var owns = new[] { (ClaimOwnTerm.Off, false), (ClaimOwnTerm.Item, false), (ClaimOwnTerm.Item, true), (ClaimOwnTerm.Lead, false), (ClaimOwnTerm.Lead, true) };
        foreach (var topic in new[] { 0.3, 0.4 })
        foreach (var claim in new[] { 0.3, 0.4, 0.5, 0.6, 0.7 })
        foreach (var scope in Enum.GetValues<ClaimScope>())
        foreach (var longest in new[] { true, false })
        foreach (var (own, together) in owns)
        foreach (var headline in new[] { 0.0, 0.5 })
        foreach (var max in new[] { 0, 1, 2 })
            yield return new LinkingOptions
            {
                MinTopicScore = topic, MinClaimScore = claim, ClaimScope = scope, LongestMatch = longest,
                ClaimOwnTerm = own, ClaimTopicsTogether = together, HeadlineWeight = headline, MaxClaimsPerItem = max,
            };
    }

    private static IEnumerable<(string, LinkingOptions)> Ablations()
    {
        yield return ("defaults", new LinkingOptions());
        yield return ("English terms only (no spellings)", new LinkingOptions { Spellings = false });
        yield return ("spellings matched exactly (no stemming)", new LinkingOptions { StemSpellings = false });
        yield return ("no longest match", new LinkingOptions { LongestMatch = false });
        yield return ("claims anywhere in the item", new LinkingOptions { ClaimScope = ClaimScope.Item });
        yield return ("claims in the lead", new LinkingOptions { ClaimScope = ClaimScope.Lead });
        yield return ("claims in one sentence", new LinkingOptions { ClaimScope = ClaimScope.Sentence });
        yield return ("own term: off", new LinkingOptions { ClaimOwnTerm = ClaimOwnTerm.Off });
        yield return ("own term: anywhere", new LinkingOptions { ClaimOwnTerm = ClaimOwnTerm.Item, ClaimTopicsTogether = false });
        yield return ("own term: anywhere, or all topics", new LinkingOptions { ClaimOwnTerm = ClaimOwnTerm.Item, ClaimTopicsTogether = true });
        yield return ("own term: in the lead", new LinkingOptions { ClaimOwnTerm = ClaimOwnTerm.Lead, ClaimTopicsTogether = false });
        yield return ("own term: in the lead, or all topics", new LinkingOptions { ClaimOwnTerm = ClaimOwnTerm.Lead, ClaimTopicsTogether = true });
        yield return ("headline weight 0", new LinkingOptions { HeadlineWeight = 0 });
        yield return ("headline weight 0.5", new LinkingOptions { HeadlineWeight = 0.5 });
        yield return ("claims per item: no limit", new LinkingOptions { MaxClaimsPerItem = 0 });
        yield return ("claims per item: 1", new LinkingOptions { MaxClaimsPerItem = 1 });
        yield return ("claims per item: 2", new LinkingOptions { MaxClaimsPerItem = 2 });
    }

    private static string Describe(LinkingOptions o) =>
        $"topic ≥ {o.MinTopicScore:0.0}, claim ≥ {o.MinClaimScore:0.0}, claims in {o.ClaimScope}, longest match {(o.LongestMatch ? "on" : "off")}, " +
        $"own term {o.ClaimOwnTerm}{(o.ClaimTopicsTogether ? " or all topics" : "")}, headline weight {o.HeadlineWeight:0.0}, claims per item {(o.MaxClaimsPerItem > 0 ? o.MaxClaimsPerItem : "any")}";

    /// <summary>What one option set linked, item by item.</summary>
    public sealed record Prediction(HashSet<string> Topics, HashSet<string> Claims);

    public static Prediction[] Predict(Article article, TextAnalysis analysis, LinkingOptions options, IReadOnlyList<Labelled> items)
    {
        var matcher = new ClaimMatcher(article, analysis, options);
        return items.Select(i => matcher.Match(i.Item) is { } link
            ? new Prediction(link.Topics.Select(t => t.TopicId).ToHashSet(), link.Claims.Select(c => c.ClaimId).ToHashSet())
            : new Prediction([], [])).ToArray();
    }

    /// <summary>
    /// What options are chosen by: per set, the mean of topic and claim F1 less half the hard-negative rate;
    /// then the mean over the sets, so the 72 real items weigh as much as the 120 written ones.
    /// </summary>
    private static double Objective(IReadOnlyList<Labelled> items, Prediction[] p, IEnumerable<int> which) =>
        which.GroupBy(i => items[i].Set).Average(set =>
        {
            var s = Score(items, p, set);
            return (s.TopicF1 + s.ClaimF1) / 2 - 0.5 * s.HardNegativeRate;
        });

    public sealed record Scores(double TopicP, double TopicR, double TopicF1, double ClaimP, double ClaimR, double ClaimF1,
        double HardNegativeRate, int HardNegatives, int Background, int RelevantOther, int FoundOther, double TopicF1Other);

    public static Scores Score(IReadOnlyList<Labelled> items, Prediction[] p, IEnumerable<int> which)
    {
        int tt = 0, tf = 0, tn = 0, ct = 0, cf = 0, cn = 0, hard = 0, nHard = 0, bg = 0, rel = 0, found = 0, ot = 0, of = 0, on = 0;
        foreach (var i in which)
        {
            var item = items[i];
            var lts = item.FollowUp ? item.Topics.ToHashSet() : [];
            var lcs = item.FollowUp ? item.Claims.ToHashSet() : [];
            var gts = p[i].Topics;
            var gcs = p[i].Claims;
            var tp = gts.Count(lts.Contains);
            tt += tp; tf += gts.Count - tp; tn += lts.Count - tp;
            var cp = gcs.Count(lcs.Contains);
            ct += cp; cf += gcs.Count - cp; cn += lcs.Count - cp;
            if (item.Kind == "hard-negative") { nHard++; if (gts.Count > 0) hard++; }
            if (item.Kind == "background" && gts.Count > 0 && !item.FollowUp) bg++;
            if (item.Lang != "en")
            {
                ot += tp; of += gts.Count - tp; on += lts.Count - tp;
                if (lts.Count > 0) { rel++; if (tp > 0) found++; }
            }
        }
        var (topicP, topicR, topicF) = Prf(tt, tf, tn);
        var (claimP, claimR, claimF) = Prf(ct, cf, cn);
        return new Scores(topicP, topicR, topicF, claimP, claimR, claimF, nHard == 0 ? 0 : (double)hard / nHard, hard, bg, rel, found, Prf(ot, of, on).F);
    }

    public static void Report(IReadOnlyList<Labelled> items, Prediction[] p)
    {
        Console.WriteLine("  set      | topic P / R / F1      | claim P / R / F1      | hard neg. linked | background | non-English: found, topic F1");
        foreach (var set in new[] { "dev", "web-dev" })
        {
            var s = Score(items, p, Enumerable.Range(0, items.Count).Where(i => items[i].Set == set));
            Console.WriteLine($"  {set,-8} | {Line(s)}");
        }
    }

    private static string Line(Scores s) =>
        $"{s.TopicP:0.000} / {s.TopicR:0.000} / {s.TopicF1:0.000} | {s.ClaimP:0.000} / {s.ClaimR:0.000} / {s.ClaimF1:0.000} | {s.HardNegativeRate:0.0%} ({s.HardNegatives}) | {s.Background}" +
        (s.RelevantOther > 0 ? $" | {s.FoundOther}/{s.RelevantOther}, {s.TopicF1Other:0.000}" : "");

    private static (double P, double R, double F) Prf(int tp, int fp, int fn)
    {
        var p = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        var r = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        return (p, r, p + r == 0 ? 0 : 2 * p * r / (p + r));
    }

    /// <summary>One JSON line per item, as run_eval.py --per-item writes it: labels beside what was linked.</summary>
    private static void WritePerItem(string path, IReadOnlyList<Labelled> items, Prediction[] p)
    {
        using var w = new StreamWriter(path);
        for (var i = 0; i < items.Count; i++)
        {
            var it = items[i];
            w.WriteLine(JsonSerializer.Serialize(new
            {
                set = it.Set, id = it.Id, kind = it.Kind, lang = it.Lang, detected = LanguageIdentifier.Identify(it.Item.Title, it.Item.Summary),
                title = it.Item.Title,
                expected_topics = it.FollowUp ? it.Topics.Order().ToArray() : [], linked_topics = p[i].Topics.Order().ToArray(),
                expected_claims = it.FollowUp ? it.Claims.Order().ToArray() : [], linked_claims = p[i].Claims.Order().ToArray(),
            }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        }
    }

    private static uint Hash(string id)
    {
        var h = 2166136261u; // FNV-1a: stable across runs and platforms, unlike string.GetHashCode
        foreach (var c in id) h = (h ^ c) * 16777619u;
        return h;
    }

    public static IEnumerable<Labelled> Load(string path)
    {
        var set = Path.GetFileNameWithoutExtension(path);
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var e = JsonDocument.Parse(line).RootElement;
            string S(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
            string[] A(string name) => e.TryGetProperty(name, out var v) ? v.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
            var published = DateTimeOffset.Parse(S("published"), System.Globalization.CultureInfo.InvariantCulture);
            var item = new FeedItem
            {
                Id = S("id"), Url = S("url"), Title = S("title"), Summary = S("summary"), Published = published,
                Source = S("source"), FeedUrl = "https://eval.example/feed", FirstSeen = published,
            };
            yield return new Labelled(set, S("id"), S("lang") is { Length: > 0 } l ? l : "en", S("kind"), item, A("topics"), A("claims"));
        }
    }
}
