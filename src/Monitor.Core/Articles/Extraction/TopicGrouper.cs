namespace Monitor.Core.Articles.Extraction;

/// <summary>A group of claims (indices into the list given) and its concepts, most salient first.</summary>
internal sealed record ClaimGroup(IReadOnlyList<int> Members, IReadOnlyList<string> Salient);

/// <summary>
/// Groups claims into topics by what they talk about: average-linkage agglomerative clustering on the cosine
/// of their concept vectors (names and stemmed content words, weighted by rarity in the article, names
/// more), merging while the closest two groups still share enough.
/// </summary>
internal sealed class TopicGrouper(ArticleTerms terms)
{
    /// <summary>Two groups merge while their average similarity reaches this.</summary>
    public double MergeAt { get; init; } = 0.08;

    /// <summary>No group grows beyond this share of the claims, so one broad topic does not swallow the rest.</summary>
    public double MaxShare { get; init; } = 0.3;

    private const double EntityWeight = 1.5;

    public IReadOnlyList<ClaimGroup> Group(IReadOnlyList<SentenceTerms> claims)
    {
        var vectors = claims.Select(Vector).ToList();
        var sim = new double[claims.Count, claims.Count];
        for (var i = 0; i < claims.Count; i++)
            for (var j = i + 1; j < claims.Count; j++)
                sim[i, j] = sim[j, i] = Cosine(vectors[i], vectors[j]);

        var groups = Enumerable.Range(0, claims.Count).Select(i => new List<int> { i }).ToList();
        var maxSize = Math.Max(3, (int)Math.Ceiling(MaxShare * claims.Count));
        while (groups.Count > 1)
        {
            var (bestA, bestB, best) = (-1, -1, double.MinValue);
            for (var a = 0; a < groups.Count; a++)
                for (var b = a + 1; b < groups.Count; b++)
                {
                    if (groups[a].Count + groups[b].Count > maxSize) continue;
                    var s = groups[a].SelectMany(i => groups[b].Select(j => sim[i, j])).Average();
                    if (s > best) (bestA, bestB, best) = (a, b, s);
                }
            if (bestA < 0 || best < MergeAt) break;
            groups[bestA].AddRange(groups[bestB]);
            groups.RemoveAt(bestB);
        }

        return groups
            .Select(g => g.Order().ToList())
            .OrderBy(g => g[0])
            .Select(g => new ClaimGroup(g, Salient(g.Select(i => claims[i]).ToList())))
            .ToList();
    }

    /// <summary>
    /// The group's concepts by how many of its claims have them (squared: a term most claims share speaks for
    /// the group better than a rare one in two of them) and how rare they are; one-off words last.
    /// </summary>
    public IReadOnlyList<string> Salient(IReadOnlyList<SentenceTerms> members) => members
        .SelectMany(m => m.Concepts)
        .GroupBy(c => c)
        .Select(g => (Concept: g.Key, Score: g.Count() * g.Count() * Weight(g.Key) * (terms.DocumentFrequency(g.Key) > 1 ? 1 : 0.3)))
        .OrderByDescending(x => x.Score).ThenBy(x => x.Concept, StringComparer.Ordinal)
        .Select(x => x.Concept)
        .ToList();

    public double Weight(string concept) => terms.Idf(concept) * (concept.StartsWith('@') ? EntityWeight : 1);

    // Only concepts that recur in the article can tie two claims together; one-off words would only dilute.
    private Dictionary<string, double> Vector(SentenceTerms s) =>
        s.Concepts.Where(c => terms.DocumentFrequency(c) > 1).ToDictionary(c => c, Weight);

    private static double Cosine(Dictionary<string, double> a, Dictionary<string, double> b)
    {
        var dot = a.Where(x => b.ContainsKey(x.Key)).Sum(x => x.Value * b[x.Key]);
        var norm = Math.Sqrt(a.Values.Sum(v => v * v)) * Math.Sqrt(b.Values.Sum(v => v * v));
        return norm == 0 ? 0 : dot / norm;
    }
}
