using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core;
using Monitor.Core.Articles;
using Monitor.Core.Feeds;
using Monitor.Core.Linking;
using Monitor.Core.Query;
using Monitor.Core.Storage;

namespace Monitor.Cli.Commands;

/// <summary>`monitor explain`: per topic and claim, the score, the terms found (with language), the rule parts that held and why it is linked or not.</summary>
internal static class ExplainCommand
{
    /// <summary>Longest text file explain reads: far more than a headline and summary.</summary>
    private const long MaxFileBytes = 1 << 20;

    public static Command Create(Func<IServiceProvider> services, TextWriter stdout)
    {
        var url = new Option<string?>("--url") { Description = "A stored item, by its URL." };
        var title = new Option<string?>("--title") { Description = "A headline to explain (with --summary)." };
        var summary = new Option<string?>("--summary") { Description = "The summary or lead that goes with --title." };
        var file = new Option<string?>("--file") { Description = "A UTF-8 text file: the first line is the headline, the rest the summary." };
        var article = new Option<string?>("--article") { Description = "The followed article (default: the seed article)." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var command = new Command("explain", "Why an item is or is not linked: per topic and claim, its score, the terms found (in which language), the rule parts that held and those that did not.")
            { url, title, summary, file, article, json };
        command.SetAction(async (parse, ct) =>
        {
            var provider = services();
            var chosen = provider.GetRequiredService<ArticleCatalog>().Get(parse.GetValue(article));
            var item = await ItemOf(provider, parse.GetValue(url), parse.GetValue(title), parse.GetValue(summary), parse.GetValue(file), ct).ConfigureAwait(false);
            var explanation = provider.GetRequiredService<Linker>().Explain(item, chosen);
            if (parse.GetValue(json)) stdout.WriteLine(JsonSerializer.Serialize(explanation, CoverageViews.Json));
            else Print(explanation, stdout);
            return 0;
        });
        return command;
    }

    private static async Task<FeedItem> ItemOf(IServiceProvider provider, string? url, string? title, string? summary, string? file, CancellationToken ct)
    {
        var given = (url is null ? 0 : 1) + (title is null && summary is null ? 0 : 1) + (file is null ? 0 : 1);
        if (given != 1) throw new MonitorInputException("give one of --url, --title/--summary or --file");
        if (url is not null)
            return await provider.GetRequiredService<ItemStore>().FindByUrlAsync(url, ct).ConfigureAwait(false)
                ?? throw new MonitorInputException($"no stored item has the URL '{url}' (see 'monitor coverage')");
        if (file is not null)
        {
            string text;
            try
            {
                if (new FileInfo(file).Length > MaxFileBytes) throw new MonitorInputException($"'{file}' is larger than 1 MiB");
                text = await File.ReadAllTextAsync(file, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new MonitorInputException($"cannot read '{file}': {e.Message}");
            }
            var lines = text.Replace("\r\n", "\n").Split('\n', 2);
            (title, summary) = (lines[0].Trim(), lines.Length > 1 ? lines[1].Trim() : "");
        }
        var now = DateTimeOffset.UtcNow;
        return new FeedItem
        {
            Id = "explain", Url = "", Title = title ?? "", Summary = summary ?? "", Published = now,
            Source = "explain", FeedUrl = "", FirstSeen = now,
        };
    }

    private static void Print(Explanation e, TextWriter o)
    {
        o.WriteLine($"Item: {e.Title}");
        o.WriteLine($"Language: {LanguageNames.OfForeign(e.Lang) ?? (e.Lang == "en" ? "English" : "not told")} ({e.Lang})");
        if (e.Background) o.WriteLine("Published before the article: background, never linked.");
        o.WriteLine(e.Terms.Count == 0
            ? "Terms found: none"
            : "Terms found: " + string.Join(", ", e.Terms.Select(t => $"{TermTag.Split(t.Term).Text} ({t.Lang}) \"{t.Text}\"")));
        Section(o, $"Topics of {e.ArticleId}", e.Topics);
        Section(o, "Claims", e.Claims);
    }

    private static void Section(TextWriter o, string heading, IReadOnlyList<RuleExplanation> rules)
    {
        o.WriteLine();
        o.WriteLine(heading);
        foreach (var r in rules)
        {
            var score = r.Score is { } s ? $"score {s:0.00}" : "no score";
            o.WriteLine($"  {r.Id,-22} {(r.Linked ? "LINKED" : "-"),-6}  {score}  {r.Why}");
            // Rules with nothing found stay on one line; the others show every part.
            if (!r.Linked && r.Parts.All(p => p.Found.Count == 0)) continue;
            foreach (var p in r.Parts)
            {
                var found = p.Found.Count > 0 ? $"found {string.Join(", ", p.Found)}" : "found nothing";
                o.WriteLine($"      {(p.Held ? "held    " : "NOT held")}  {p.Name,-6} {found}; needs {p.Needs}");
            }
        }
    }
}
