using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Cli;
using Monitor.Core.Linking;
using Monitor.Core.Storage;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Cli;

/// <summary>
/// Languages end to end (poll → item and coverage rows → coverage --json; relink filling in rows stored
/// without a language) and `monitor explain` for a stored item, a text and a file.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ExplainAndLanguageTests(AzuriteFixture azurite) : IDisposable
{
    private readonly FeedServer _server = new();
    private readonly string _prefix = azurite.NewPrefix();
    private readonly string _folder = Directory.CreateTempSubdirectory("monitor-explain").FullName;

    private const string RussianUrl = "https://news.example.ru/2026/01/14/odkb";

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private IConfiguration Configuration() => TestServices.Configuration(azurite, _prefix);

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, Configuration(), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private async Task PollAsync()
    {
        TestFeeds.Item russian = new("Пашинян: Армения заморозила членство в ОДКБ", RussianUrl, TestFeeds.Date("2026-01-14T12:00:00Z"),
            "Премьер-министр Армении заявил, что Армения заморозила членство в ОДКБ, потому что Россия не выполнила союзнические обязательства.");
        var path = Path.Combine(_folder, "feeds.txt");
        File.WriteAllText(path, _server.Serve("story.xml", TestFeeds.Rss("Wire", [.. TestFeeds.SeedStory(), russian])) + "\n");
        Assert.Equal(0, (await Run("poll", "--feeds", path)).Code);
    }

    [Fact]
    public async Task Coverage_json_names_each_items_language_and_relink_fills_in_rows_stored_without_one()
    {
        await PollAsync();
        var csto = await Run("coverage", "--topic", "russia-csto", "--json");
        using (var doc = JsonDocument.Parse(csto.Out))
        {
            var items = doc.RootElement.EnumerateArray().ToList();
            Assert.Equal("ru", items.Single(e => e.GetProperty("url").GetString() == RussianUrl).GetProperty("lang").GetString());
            Assert.Equal("en", items.Single(e => e.GetProperty("url").GetString()!.EndsWith("/csto")).GetProperty("lang").GetString());
            Assert.Contains("ru:ОДКБ", items.Single(e => e.GetProperty("url").GetString() == RussianUrl)
                .GetProperty("evidence").GetProperty("terms").EnumerateArray().Select(t => t.GetString()));
        }

        // Rows as an older version stored them: no language on items or coverage.
        using var services = TestServices.Create(azurite, _prefix);
        var tables = services.GetRequiredService<MonitorTables>();
        foreach (var table in new[] { tables.Items, tables.Coverage })
            await foreach (var row in table.QueryAsync<TableEntity>())
            {
                row.Remove("Lang");
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
            }
        using (var doc = JsonDocument.Parse((await Run("coverage", "--topic", "russia-csto", "--json")).Out))
            Assert.All(doc.RootElement.EnumerateArray(), e => Assert.False(e.TryGetProperty("lang", out _)));

        Assert.Equal(0, (await Run("relink")).Code);
        await foreach (var row in tables.Items.QueryAsync<TableEntity>())
            Assert.Equal(row.GetString("Url") == RussianUrl ? "ru" : "en", row.GetString("Lang"));
        using (var doc = JsonDocument.Parse((await Run("coverage", "--topic", "russia-csto", "--json")).Out))
            Assert.Equal("ru", doc.RootElement.EnumerateArray().Single(e => e.GetProperty("url").GetString() == RussianUrl).GetProperty("lang").GetString());
    }

    [Fact]
    public async Task Explain_a_stored_item_by_url()
    {
        await PollAsync();
        var text = await Run("explain", "--url", RussianUrl);
        Assert.Equal(0, text.Code);
        Assert.Contains("Language: Russian (ru)", text.Out);
        Assert.Contains("ОДКБ (ru) \"ОДКБ\"", text.Out);
        Assert.Matches(@"russia-csto\s+LINKED\s+score 0\.\d\d\s+linked: every part held", text.Out);
        Assert.Matches(@"border-clashes\s+-\s+no score\s+not linked: all 2, all 3, any not held", text.Out);

        var json = await Run("explain", "--url", RussianUrl, "--json");
        using var doc = JsonDocument.Parse(json.Out);
        var csto = doc.RootElement.GetProperty("topics").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "russia-csto");
        Assert.True(csto.GetProperty("linked").GetBoolean());
        Assert.All(csto.GetProperty("parts").EnumerateArray(), p => Assert.True(p.GetProperty("held").GetBoolean()));
        Assert.Contains(doc.RootElement.GetProperty("terms").EnumerateArray(), t => t.GetProperty("lang").GetString() == "ru");
    }

    [Fact]
    public async Task Explain_a_text_or_a_file_without_storage()
    {
        var text = await Run("explain", "--title", "Local bakery gets a prize", "--summary", "Its rye bread was judged the best this year.");
        Assert.Equal(0, text.Code);
        Assert.Contains("Terms found: none", text.Out);
        Assert.DoesNotContain("LINKED", text.Out);

        var file = Path.Combine(_folder, "item.txt");
        File.WriteAllText(file, "Ermənistan və Azərbaycan sərhəddə atışma\nErmənistan silahlı qüvvələri Azərbaycan mövqelərini atəşə tutub.");
        var fromFile = await Run("explain", "--file", file);
        Assert.Contains("Language: Azerbaijani (az)", fromFile.Out);
        Assert.Matches(@"border-clashes\s+LINKED", fromFile.Out);
    }

    [Theory]
    [InlineData("error: give one of --url, --title/--summary or --file")]
    [InlineData("error: give one of --url, --title/--summary or --file", "--url", "https://x.example/", "--title", "t")]
    [InlineData("error: no stored item has the URL 'https://nowhere.example/a'", "--url", "https://nowhere.example/a")]
    [InlineData("error: cannot read", "--file", "/nonexistent/item.txt")]
    public async Task Explain_rejects_bad_input_in_one_line(string message, params string[] args)
    {
        var (code, _, err) = await Run(["explain", .. args]);
        Assert.Equal(CliApp.ExitInput, code);
        Assert.StartsWith(message, err);
        Assert.Single(err.TrimEnd().Split('\n'));
    }
}
