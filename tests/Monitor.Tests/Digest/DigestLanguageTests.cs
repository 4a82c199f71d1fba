using Monitor.Cli;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Digest;

/// <summary>The digest says the language of a story that is not in English, in both parts.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DigestLanguageTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string _prefix = azurite.NewPrefix();
    private readonly string _folder = Directory.CreateTempSubdirectory("monitor-digest-lang").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_russian_story_is_said_to_be_in_russian_and_an_english_one_is_not()
    {
        var yesterday = DateTimeOffset.UtcNow.AddHours(-1);
        var russian = DigestHost.Item("Пашинян: Армения заморозила членство в ОДКБ", "https://news.example.ru/odkb", "2024-03-11T08:00:00Z",
            "Премьер-министр Армении заявил, что Армения заморозила членство в ОДКБ, потому что Россия не выполнила союзнические обязательства.",
            "Lenta");
        await using (var host = new DigestHost(azurite, DateTimeOffset.UtcNow, new Dictionary<string, string?>(), _prefix))
            await host.SeedAsync(yesterday, DigestSamples.Csto with { Published = yesterday }, russian with { Published = yesterday });

        var feeds = Path.Combine(_folder, "feeds.txt");
        File.WriteAllText(feeds, "https://feeds.example/never-polled.xml\n");
        var settings = new Dictionary<string, string?>
        {
            ["MONITOR_FEEDS"] = feeds, ["Digest:LocalTime"] = "00:00", ["Digest:TimeZone"] = "Etc/UTC", ["Digest:From"] = "monitor@example.org",
        };
        async Task<string> Digest(params string[] args)
        {
            var stdout = new StringWriter();
            Assert.Equal(0, await CliApp.RunAsync(["digest", "--dry-run", .. args], TestServices.Configuration(azurite, _prefix, settings), stdout, new StringWriter()));
            return stdout.ToString();
        }
        var html = Path.Combine(_folder, "digest.html");
        await Digest("--out", html);
        var text = await Digest();
        var lines = text.Split('\n');
        var at = Array.FindIndex(lines, l => l.StartsWith("* Пашинян"));
        Assert.True(at >= 0, text);
        Assert.Contains(", in Russian", string.Join('\n', lines.Skip(at).Take(3)));
        var english = Array.FindIndex(lines, l => l.StartsWith("* CSTO declines"));
        Assert.DoesNotContain("in English", string.Join('\n', lines.Skip(english).Take(3)));
        Assert.Contains(" · in Russian", await File.ReadAllTextAsync(html));
    }
}
