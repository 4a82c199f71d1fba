using Monitor.Core.Feeds;
using Xunit.Abstractions;

namespace Monitor.Tests.Feeds.Conformance;

/// <summary>FeedReader's own upstream tests, on FeedReader's model as our pipeline builds it (decoding and repair first).</summary>
public class CodeHollowConformanceTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Upstream_expectations_all_pass()
    {
        var outcomes = CodeHollowExpectations.Run(Corpus.Require("codehollow-feedreader")).ToList();
        var failures = outcomes.Where(o => !o.Passed).ToList();
        Report.Line(output, $"CodeHollow.FeedReader upstream expectations: {Report.Rate(outcomes.Count - failures.Count, outcomes.Count)} across {outcomes.Select(o => o.Test).Distinct().Count()} tests");
        foreach (var f in failures) output.WriteLine($"  FAIL {f.Test} {f.Statement}: {f.Detail}");
        Assert.True(outcomes.Count >= 270, $"only {outcomes.Count} checks read: the transcription was not understood");
        Assert.True(failures.Count == 0, string.Join(" | ", failures.Take(5).Select(f => $"{f.Statement}: {f.Detail}")));
    }

    /// <summary>Upstream's TestAllFilesForException: every file parses and has a feed link, except AtomBattleNet.xml.</summary>
    [SkippableFact]
    public void Every_upstream_feed_parses_with_a_link()
    {
        var folder = Path.Combine(Corpus.Require("codehollow-feedreader"), "FeedReader.Tests", "Feeds");
        var files = Directory.GetFiles(folder, "*.xml");
        Assert.Equal(49, files.Length);
        foreach (var file in files)
        {
            var feed = FeedParser.Parse(File.ReadAllBytes(file));
            if (Path.GetFileName(file) != "AtomBattleNet.xml") Assert.False(string.IsNullOrEmpty(feed.Link), $"{Path.GetFileName(file)} has no link");
        }
    }

    [SkippableFact]
    public void The_harness_fails_a_wrong_accessor_value()
    {
        var corpus = Corpus.Require("codehollow-feedreader");
        var file = Path.Combine(corpus, "FeedReader.Tests", "Feeds", "Rss20ISO88591Intranet30.xml");
        var (_, model) = FeedParser.ParseWithModel(File.ReadAllBytes(file), null);
        var variables = new Dictionary<string, object?> { ["feed"] = model.SpecificFeed };
        Assert.Equal("SVART MÅNAD - DÖDSOLYCKA i Vetlanda", AccessorExpression.Evaluate("feed.Items.First().Title", variables));
        Assert.Equal(30, AccessorExpression.Evaluate("feed.Items.Count", variables));
    }
}
