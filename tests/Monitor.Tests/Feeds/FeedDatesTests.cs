using System.Globalization;
using System.Text.Json.Nodes;
using Monitor.Core.Feeds;
using Monitor.Core.Feeds.Parsing;
using Monitor.Tests.Feeds.Conformance;
using Xunit.Abstractions;

namespace Monitor.Tests.Feeds;

public class FeedDatesTests(ITestOutputHelper output)
{
    /// <summary>feedparser's date vectors (test_date_parsers.py as data): the expected UTC instant, or null for "reject".</summary>
    [SkippableFact]
    public void Every_feedparser_date_vector_parses_as_feedparser_does()
    {
        var file = Path.Combine(Corpus.Require("feedparser"), "date-vectors.json");
        var vectors = JsonNode.Parse(File.ReadAllText(file))!["vectors"]!.AsArray();
        var failures = new List<string>();
        foreach (var v in vectors)
        {
            var input = (string)v!["input"]!;
            var expected = (string?)v["expected_utc"];
            var actual = FeedDates.Parse(input)?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            if (actual != expected) failures.Add($"[{input}] ({v["feedparser_parser"]}): expected {expected ?? "null"}, got {actual ?? "null"}");
        }
        Report.Line(output, $"feedparser date vectors: {Report.Rate(vectors.Count - failures.Count, vectors.Count)}");
        Assert.Equal(72, vectors.Count);
        Assert.True(failures.Count == 0, string.Join(" | ", failures));
    }

    [Theory]
    [InlineData("Tue, 13 Sep 2022 04:00:00 +0400", "2022-09-13T00:00:00Z")]
    [InlineData("2023-01-02T10:00:00+02:00", "2023-01-02T08:00:00Z")]
    [InlineData("2022-09-21T06:00:00.000+0000", "2022-09-21T06:00:00Z")]
    [InlineData("Thu, 14 May 2020 10:00:18 Z", "2020-05-14T10:00:18Z")] // .NET SyndicationFeed's "Z" zone
    [InlineData("Do, 22 Dez 2016 17:36:00 +0000", "2016-12-22T17:36:00Z")] // German WordPress
    [InlineData("Sat, 01 Jan 2010 19:48:21 GMT", "2010-01-01T19:48:21Z")] // wrong weekday: the date still counts
    [InlineData("Wed, 21 Sep 2022 09:30:00 AMT", "2022-09-21T05:30:00Z")] // Armenia Time
    [InlineData("Wed, 21 Sep 2022 06:00:00 +0000 (UTC)", "2022-09-21T06:00:00Z")]
    [InlineData("  Wed,  21 Sep   2022 06:00:00 GMT ", "2022-09-21T06:00:00Z")]
    public void Reads_what_real_feeds_write(string input, string expectedUtc)
    {
        var parsed = FeedDates.Parse(input);
        Assert.NotNull(parsed);
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, CultureInfo.InvariantCulture), parsed.Value);
        Assert.Equal(TimeSpan.Zero, parsed.Value.Offset);
    }

    [Theory]
    [InlineData("Fri, 11 Mar 2016 01:15:00 +3000")] // an impossible offset (FeedReader's iTunes sample)
    [InlineData("Mon, 31 Feb 2016 10:00:00 GMT")]
    [InlineData("2016-13-01")]
    [InlineData("not a date")]
    [InlineData("1518478934")] // a Unix time in <dc:date> is not a date format
    [InlineData(null)]
    public void Rejects_what_is_not_a_date(string? input) => Assert.Null(FeedDates.Parse(input));
}
