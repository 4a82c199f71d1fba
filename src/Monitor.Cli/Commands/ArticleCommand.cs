using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Articles.Extraction;
using Monitor.Core.Query;

namespace Monitor.Cli.Commands;

/// <summary>`article add` drafts a claims file from an article so the poller follows it; `article list` shows what is followed.</summary>
internal static class ArticleCommand
{
    public static Command Create(Func<IServiceProvider> services, TextWriter stdout) =>
        new("article", "Follow another article: draft its claims file from its text, or list the followed articles.")
        {
            Add(services, stdout),
            List(services, stdout),
        };

    private static Command Add(Func<IServiceProvider> services, TextWriter stdout)
    {
        var file = new Option<string?>("--file") { Description = "The article as a file: plain text (one paragraph a line) or a saved HTML page." };
        var url = new Option<string?>("--url") { Description = "The article's URL: fetched and its text extracted when --file is not given; recorded either way." };
        var title = new Option<string?>("--title") { Description = "The article's title (default: the page's title, or the file's first line)." };
        var published = new Option<string?>("--published") { Description = "When the article was published (ISO 8601, e.g. 2022-09-20; default: the page's date). Items before it are background." };
        var id = new Option<string?>("--id") { Description = "The article's id (default: made from the title)." };
        var source = new Option<string?>("--source") { Description = "Who published it (default: the page's site name)." };
        var force = new Option<bool>("--force") { Description = "Replace the article's claims file if it exists (hand edits are lost)." };
        var command = new Command("add", "Extract an article's check-worthy claims into an editable claims file, grouped into topics with match rules; the poller follows it from its next pass.")
            { file, url, title, published, id, source, force };
        command.SetAction(async (parse, ct) =>
        {
            var request = new AddArticleRequest(
                parse.GetValue(file), parse.GetValue(url), parse.GetValue(title),
                QueryParameters.Date(parse.GetValue(published), "--published"), parse.GetValue(id), parse.GetValue(source), parse.GetValue(force));
            var added = await services().GetRequiredService<ArticleAdder>().AddAsync(request, ct).ConfigureAwait(false);
            Print(added, stdout);
            return 0;
        });
        return command;
    }

    private static void Print(AddedArticle added, TextWriter stdout)
    {
        var (article, draft) = (added.Article, added.Draft);
        stdout.WriteLine($"Added article '{article.Id}': {article.Title} (published {Day(article.Published)})");
        stdout.WriteLine($"  claims file: {added.ClaimsFile}");
        stdout.WriteLine($"  {draft.Claims.Count} claims from {draft.Sentences} sentences, in {draft.Topics.Count} topics:");
        foreach (var t in draft.Topics)
            stdout.WriteLine($"    {t.Id,-32} {t.ClaimIds.Count,3} {(t.ClaimIds.Count == 1 ? "claim " : "claims")}  {t.Name}");
        stdout.WriteLine("Check and correct the claims, topics and rules in the claims file; the next poll follows it.");
    }

    private static Command List(Func<IServiceProvider> services, TextWriter stdout)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("list", "The followed articles: id, title, publication date, claims and topics.") { json };
        command.SetAction(parse =>
        {
            var folder = services().GetRequiredService<ArticleFolder>();
            var views = folder.List().Select(f => new ArticleView(
                f.Article.Id, f.Article.Title, f.Article.Published.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                f.Article.Url, f.Article.Source, f.Article.Claims.Count, f.Article.Topics.Count, f.File)).ToList();
            if (parse.GetValue(json))
            {
                stdout.WriteLine(JsonSerializer.Serialize(views, CoverageViews.Json));
                return 0;
            }
            stdout.WriteLine($"Articles folder: {folder.Path}");
            var width = views.Max(v => v.Id.Length);
            stdout.WriteLine($"{"ID".PadRight(width)} {"PUBLISHED",-10} {"CLAIMS",6} {"TOPICS",6}  TITLE");
            foreach (var v in views)
                stdout.WriteLine($"{v.Id.PadRight(width)} {v.Published[..10],-10} {v.Claims,6} {v.Topics,6}  {v.Title}");
            return 0;
        });
        return command;
    }

    private static string Day(DateTimeOffset d) => d.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>One followed article in `article list --json`; <see cref="File"/> is absent for the built-in seed.</summary>
    private sealed record ArticleView(string Id, string Title, string Published, string? Url, string? Source, int Claims, int Topics, string? File);
}
