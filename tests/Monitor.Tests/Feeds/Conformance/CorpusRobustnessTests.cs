using System.Diagnostics;
using Monitor.Core.Feeds;
using Xunit.Abstractions;

namespace Monitor.Tests.Feeds.Conformance;

/// <summary>
/// Every file of the broken-input folders ends in recovered items or a <see cref="FeedFormatException"/> with a
/// one-line reason: never another exception, a crash or a hang. The rest of the corpora must not either.
/// </summary>
public class CorpusRobustnessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan PerFile = TimeSpan.FromSeconds(10);

    [SkippableTheory]
    [InlineData("feedparser", "tests/illformed")]
    [InlineData("feedparser", "tests/entities")]
    [InlineData("feedparser", "tests/encoding")]
    public void Broken_input_is_recovered_or_refused_with_a_reason(string corpus, string folder)
    {
        var outcomes = ParseAll(Path.Combine(Corpus.Require(corpus), folder));
        Assert.NotEmpty(outcomes);
        AssertOnlyItemsOrReasons(outcomes, folder);
        // Most of these feeds can be recovered; refusing them all would also "pass" the rule above.
        Assert.True(outcomes.Count(o => o.Error is null) >= 0.9 * outcomes.Count, $"only {outcomes.Count(o => o.Error is null)} of {outcomes.Count} recovered");
    }

    [SkippableTheory]
    [InlineData("feedparser", "tests/wellformed")]
    [InlineData("feedparser", "docs")]
    [InlineData("codehollow-feedreader", "FeedReader.Tests")]
    [InlineData("feedjira", "spec")]
    public void Other_corpus_files_are_parsed_or_refused_with_a_reason(string corpus, string folder)
    {
        var outcomes = ParseAll(Path.Combine(Corpus.Require(corpus), folder));
        Assert.NotEmpty(outcomes);
        AssertOnlyItemsOrReasons(outcomes, folder);
    }

    private void AssertOnlyItemsOrReasons(List<Outcome> outcomes, string folder)
    {
        var recovered = outcomes.Count(o => o.Error is null);
        var refused = outcomes.Where(o => o.Error is FeedFormatException).ToList();
        var other = outcomes.Where(o => o.Error is not null and not FeedFormatException).ToList();
        Report.Line(output, $"{folder}: {outcomes.Count} files, {recovered} recovered ({outcomes.Where(o => o.Error is null).Sum(o => o.Items)} items), {refused.Count} refused with a reason, {other.Count} other outcomes; slowest {outcomes.Max(o => o.Elapsed).TotalMilliseconds:0} ms");
        foreach (var r in refused) output.WriteLine($"  refused {r.File}: {r.Error!.Message}");
        Assert.True(other.Count == 0, string.Join(" | ", other.Take(5).Select(o => $"{o.File}: {o.Error!.GetType().Name}: {o.Error.Message}")));
        Assert.All(refused, r => Assert.False(string.IsNullOrWhiteSpace(r.Error!.Message) || r.Error.Message.Contains('\n'), $"{r.File}: bad reason '{r.Error.Message}'"));
    }

    private sealed record Outcome(string File, int Items, Exception? Error, TimeSpan Elapsed);

    private static List<Outcome> ParseAll(string folder)
    {
        var outcomes = new List<Outcome>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(IsFeedFile).Order())
        {
            var body = File.ReadAllBytes(file);
            var clock = Stopwatch.StartNew();
            var parse = Task.Run(() => FeedParser.Parse(body));
            Exception? error = null;
            var items = 0;
            try
            {
                if (!parse.Wait(PerFile)) error = new TimeoutException($"no outcome after {PerFile.TotalSeconds:0} s");
                else items = parse.Result.Items.Count;
            }
            catch (AggregateException e)
            {
                error = e.InnerException;
            }
            outcomes.Add(new Outcome(Path.GetRelativePath(folder, file), items, error, clock.Elapsed));
        }
        return outcomes;
    }

    private static bool IsFeedFile(string path) => Path.GetExtension(path) is ".xml" or ".rdf" or ".json" or ".atom" or ".rss" or ""
                                                   && !Path.GetFileName(path).StartsWith('.');
}
