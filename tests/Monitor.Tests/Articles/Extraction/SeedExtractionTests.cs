using System.Text.RegularExpressions;
using Monitor.Core.Articles.Extraction;
using Monitor.Core.Linking;
using Monitor.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Monitor.Tests.Articles.Extraction;

/// <summary>
/// Extraction on the seed article, measured against the claims of the shared taxonomy (read at test time,
/// never copied). A taxonomy claim is covered when an extracted claim shares at least 90% as many of its
/// content words (stemmed, stop words out) as the article sentence that shares most: the sentence it was
/// drawn from, or one as close.
/// </summary>
public class SeedExtractionTests(ITestOutputHelper output)
{
    private static readonly TextAnalysis Analysis = new();

    private static string SeedText() => File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "Monitor.Core", "Articles", "Seed", "article.txt"));

    [SkippableFact]
    public void Extracted_claims_cover_at_least_17_of_the_21_taxonomy_claims()
    {
        Skip.If(RepoPaths.Shared is null, "../shared is absent: the taxonomy's claims cannot be compared");
        var taxonomy = TaxonomyClaims(Path.Combine(RepoPaths.Shared!, "eval", "taxonomy.yaml"));
        Assert.Equal(21, taxonomy.Count);

        var text = SeedText();
        var draft = new ClaimExtractor(Analysis).Extract(text);
        var sentences = SentenceSplitter.Split(text).Where(s => !s.IsHeading).Select(s => s.Text).ToList();
        var extracted = draft.Claims.Select(c => c.Quote).ToList();

        var missed = new List<string>();
        foreach (var (id, claim) in taxonomy)
        {
            // The article sentence(s) the taxonomy claim is drawn from: those sharing most of its words.
            var best = sentences.Max(s => Overlap(claim, s));
            var covered = extracted.Any(q => Overlap(claim, q) >= 0.9 * best);
            var source = sentences.First(s => Overlap(claim, s) == best);
            output.WriteLine($"{id} {(covered ? "covered" : "MISSED ")} best {best:0.00}: {claim}\n      source: {source}");
            if (!covered) missed.Add(id);
        }
        output.WriteLine($"coverage {21 - missed.Count}/21 with {draft.Claims.Count} claims of {draft.Sentences} sentences; missed: {string.Join(", ", missed)}");
        Assert.True(draft.Claims.Count <= 30, $"{draft.Claims.Count} claims: coverage must come from choosing, not from keeping everything");
        Assert.True(21 - missed.Count >= 17, $"coverage {21 - missed.Count}/21; missed {string.Join(", ", missed)}");
    }

    [Fact]
    public void The_seed_draft_keeps_at_most_30_claims_and_no_question_heading_or_exhortation()
    {
        var text = SeedText();
        var draft = new ClaimExtractor(Analysis).Extract(text);
        var sentences = SentenceSplitter.Split(text);

        Assert.InRange(draft.Claims.Count, 15, 30);
        Assert.True(draft.Claims.Count < sentences.Count / 2 + 1, "extraction must choose, not keep everything");
        var quotes = draft.Claims.Select(c => c.Quote).ToHashSet();
        Assert.All(sentences.Where(s => s.IsHeading || s.Text.EndsWith('?')), s => Assert.DoesNotContain(s.Text, quotes));
        Assert.DoesNotContain(quotes, q => q.Contains(" must ", StringComparison.Ordinal));
        Assert.InRange(draft.Topics.Count, 3, 15);
        Assert.All(draft.Claims, c => Assert.NotEmpty(c.TopicIds));
        Assert.Contains(draft.Claims, c => c.TopicIds.Count > 1); // a claim can bear on more than one topic
        Assert.All(draft.Claims, c => Assert.StartsWith("score ", c.Why));
    }

    /// <summary>The share of the claim's content words (stemmed, stop words out) that the sentence holds.</summary>
    private static double Overlap(string claim, string sentence)
    {
        var words = ContentWords(claim);
        return words.Count == 0 ? 0 : (double)words.Intersect(ContentWords(sentence)).Count() / words.Count;
    }

    private static HashSet<string> ContentWords(string text) => Analysis.Stems(text).Where(s => s.Length > 2 && !s.All(char.IsDigit)).ToHashSet();

    private static List<(string Id, string Text)> TaxonomyClaims(string path) => Regex
        .Matches(File.ReadAllText(path), @"^  (C\d+): \{topics: \[[^\]]*\], text: ""(.*)""\}\s*$", RegexOptions.Multiline)
        .Select(m => (m.Groups[1].Value, m.Groups[2].Value))
        .ToList();
}
