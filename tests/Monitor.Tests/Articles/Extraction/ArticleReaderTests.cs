using Monitor.Core;
using Monitor.Core.Articles.Extraction;

namespace Monitor.Tests.Articles.Extraction;

public sealed class ArticleReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("monitor-reader").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void An_html_file_gives_the_article_paragraphs_title_date_and_site_without_the_page_around_them()
    {
        var paragraphs = ArticleHtml.SeedParagraphs();
        var source = ArticleReader.ReadFile(Write("page.html", ArticleHtml.Page("Iran's red line", paragraphs)), "https://news.example/a");

        Assert.Equal("Iran's red line", source.Title);
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 8, 30, 0, TimeSpan.Zero), source.Published);
        Assert.Equal("Example Wire", source.SiteName);
        Assert.Equal("https://news.example/a", source.Url);
        var lines = source.Text.Split('\n');
        Assert.Contains(paragraphs[0], lines);      // one paragraph a line, as in a plain-text article
        Assert.Contains(paragraphs[^1], lines);
        Assert.DoesNotContain("Privacy", source.Text);
        Assert.DoesNotContain("All rights reserved", source.Text);
    }

    [Fact]
    public void A_plain_text_file_is_the_text_and_its_first_short_line_the_title()
    {
        var source = ArticleReader.ReadFile(Write("a.txt", "Port strike spreads\r\n\r\nDockworkers walked out on Monday.\r\n"));
        Assert.Equal("Port strike spreads", source.Title);
        Assert.Equal("Port strike spreads\n\nDockworkers walked out on Monday.", source.Text);
        Assert.Null(source.Published);

        var seed = ArticleReader.ReadFile(Path.Combine(Infrastructure.RepoPaths.Root, "src", "Monitor.Core", "Articles", "Seed", "article.txt"));
        Assert.Equal("Azerbaijan’s latest aggression against Armenia comes as no surprise to South Caucasus watchers", seed.Title);
    }

    [Fact]
    public void Unreadable_and_empty_files_are_input_errors()
    {
        var missing = Assert.Throws<MonitorInputException>(() => ArticleReader.ReadFile(Path.Combine(_folder, "nope.txt")));
        Assert.StartsWith("cannot read article file", missing.Message);
        var empty = Assert.Throws<MonitorInputException>(() => ArticleReader.ReadFile(Write("empty.txt", " \n\n")));
        Assert.EndsWith("is empty", empty.Message);
        var noArticle = Assert.Throws<MonitorInputException>(() => ArticleReader.ReadFile(Write("nav.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")));
        Assert.StartsWith("no article text found", noArticle.Message);
    }
}
