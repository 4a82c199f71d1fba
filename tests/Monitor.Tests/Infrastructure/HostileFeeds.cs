using System.Text;

namespace Monitor.Tests.Infrastructure;

/// <summary>
/// The hostile bodies of issue 10 (item 2), shared by the tests and `bench hostile`: each one cost the poller
/// seconds to minutes of CPU per pass before parsing and clean-up were made linear and budgeted.
/// </summary>
public static class HostileFeeds
{
    public sealed record Case(string Name, string Body, string ContentType = "application/rss+xml");

    private static string Rss(string itemXml) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Hostile</title><link>https://hostile.example/</link>" +
        "<item><title>Armenia and Azerbaijan</title><link>https://hostile.example/1</link><pubDate>Wed, 01 Mar 2023 00:00:00 GMT</pubDate>" +
        itemXml + "</item></channel></rss>";

    private static string Repeat(string text, int times) => new StringBuilder(text.Length * times).Insert(0, text, times).ToString();

    /// <summary>"&lt;p " 1.28 million times in one description (3.8 MB): quadratic tag regexes took 62 s.</summary>
    public static Case OpenTags(int times = 1_280_000) => new("open-tags", Rss("<description><![CDATA[" + Repeat("<p ", times) + "]]></description>"));

    /// <summary>The same, escaped instead of in CDATA (the text is decoded, then its tags stripped).</summary>
    public static Case EscapedOpenTags(int times = 1_000_000) => new("escaped-open-tags", Rss("<description>" + Repeat("&lt;p ", times) + "</description>"));

    /// <summary>300,000 unclosed nested elements (900 KB): the repairer had no depth limit and the XML parser is quadratic in depth.</summary>
    public static Case DeepNesting(int depth = 300_000) => new("deep-nesting", Rss("<description>x</description>" + Repeat("<a>", depth)));

    /// <summary>20,000 stray end tags.</summary>
    public static Case StrayEndTags(int count = 20_000) => new("stray-end-tags", Rss("<description>x</description>" + Repeat("</x>", count)));

    /// <summary>A page with 200,000 "&lt;link " (feed discovery scanned to the end of the page from each one).</summary>
    public static Case LinkFlood(int count = 200_000) => new("link-flood", "<!doctype html><html><head>" + Repeat("<link ", count) + "</head></html>", "text/html");

    /// <summary>Unclosed CDATA sections, comments and scripts in a description: each one used to scan to the end.</summary>
    public static Case UnclosedMarkup(int times = 200_000) => new("unclosed-markup", Rss("<description>" + Repeat("&lt;![CDATA[ &lt;!-- &lt;script ", times) + "</description>"));

    public static IReadOnlyList<Case> All() => [OpenTags(), EscapedOpenTags(), DeepNesting(), StrayEndTags(), LinkFlood(), UnclosedMarkup()];
}
