using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CodeHollow.FeedReader;
using Monitor.Core.Feeds;
using Monitor.Core.Feeds.Parsing;

namespace Monitor.Tests.Feeds.Conformance;

/// <summary>
/// Feedjira's one-line RSpec expectations (upstream-expectations.json in the feedjira corpus) that are facts about
/// the document: titles, urls, ids, authors, categories, counts, dates, image, iTunes and Media RSS fields.
/// Feedjira's own machinery (sanitising, new_entries, parser classes, custom elements, preprocessing) and
/// expectations on values built elsewhere in a spec are not applicable and are counted apart.
/// </summary>
internal static partial class FeedjiraExpectations
{
    public enum Verdict { Passed, Failed, NotApplicable }

    public sealed record Outcome(string Spec, string Sample, string Accessor, Verdict Verdict, string Detail);

    public static IEnumerable<Outcome> Run(string corpus)
    {
        var expectations = JsonNode.Parse(File.ReadAllText(Path.Combine(corpus, "upstream-expectations.json")))!["expectations"]!.AsArray();
        var documents = new Dictionary<string, Document?>();
        foreach (var node in expectations)
        {
            var e = node!.AsObject();
            var (spec, sample, accessor, matcher) = ((string)e["spec"]!, (string)e["sample"]!, (string)e["actual"]!, (string)e["matcher"]!);
            var expected = e["expected"];
            var it = (string?)e["it"] ?? "";
            if (SpecBuilt.Contains(it))
            {
                yield return new Outcome(spec, sample, accessor, Verdict.NotApplicable, "the spec builds or changes this value itself");
                continue;
            }
            sample = OtherSample.GetValueOrDefault(it, sample);
            // "XFirstEntry*.xml" is not a feed but the expected HTML of X.xml's first entry: the spec reads X.xml.
            var firstEntry = FirstEntry().Match(sample);
            var feedFile = firstEntry.Success ? firstEntry.Groups[1].Value + ".xml" : sample;
            if (firstEntry.Success && expected is JsonObject { } o && ((string?)o["ruby_expr"])?.StartsWith("sample_", StringComparison.Ordinal) == true)
                expected = File.ReadAllText(Path.Combine(corpus, "spec", "sample_feeds", sample));
            if (!documents.TryGetValue(feedFile, out var document))
                documents[feedFile] = document = Document.Load(Path.Combine(corpus, "spec", "sample_feeds", feedFile));
            yield return Check(spec, sample, accessor, matcher, expected, document);
        }
    }

    private static Outcome Check(string spec, string sample, string accessor, string matcher, JsonNode? expected, Document? document)
    {
        Outcome Result(Verdict v, string detail = "") => new(spec, sample, accessor, v, detail);
        var expectation = Expectation(matcher, expected);
        if (expectation is null) return Result(Verdict.NotApplicable, "value built elsewhere in the spec, or a Feedjira-only matcher");
        var field = Field(accessor);
        if (field is null) return Result(Verdict.NotApplicable, "Feedjira-specific accessor");
        if (document is null) return Result(Verdict.Failed, "the sample did not parse");
        object? actual;
        try { actual = field(document); }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or InvalidOperationException)
        {
            return Result(Verdict.Failed, ex.Message);
        }
        return expectation(actual) ? Result(Verdict.Passed) : Result(Verdict.Failed, $"expected {matcher} {expected?.ToJsonString()}, got {Show(actual)}");
    }

    /// <summary>
    /// The transcription tags each expectation with the sample named last above it, which is wrong where a spec
    /// loads another file inline (checked against the upstream spec text).
    /// </summary>
    private static readonly Dictionary<string, string> OtherSample = new()
    {
        ["parses the url even when"] = "atom_with_link_tag_for_url_unmarked.xml",
        ["parses the url even when it doesn't have the type='text/html' attribute"] = "atom_with_link_tag_for_url_unmarked.xml",
        ["parses the feed_url even when it doesn't have the type='application/atom+xml' attribute"] = "atom_with_link_tag_for_url_unmarked.xml",
        ["is able to fetch a url via the 'alternate' rel if no origLink exists"] = "PaulDixExplainsNothingAlternate.xml",
        ["parses the url when there is no alternate"] = "FeedBurnerUrlNoAlternate.xml",
    };

    /// <summary>Expectations on values the spec sets or builds in code rather than reads from a sample.</summary>
    private static readonly HashSet<string> SpecBuilt =
    [
        "allows setting field values with hash syntax", "returns the url when set", "returns the first link when not set",
        "returns the feed_url when set", "sets the author when nested author object is present",
    ];

    /// <summary>A predicate for the expected value, or null when it is not a literal this harness can compare.</summary>
    private static Func<object?, bool>? Expectation(string matcher, JsonNode? expected)
    {
        if (expected is JsonObject o && (string?)o["ruby_expr"] is { } ruby)
        {
            if (matcher == "match" && RubyRegex().Match(ruby) is { Success: true } r)
            {
                var regex = new Regex(r.Groups[1].Value);
                return actual => actual is string s && regex.IsMatch(s);
            }
            if (ParseTime().Match(ruby) is { Success: true } t && FeedDates.Parse(t.Groups[1].Value) is { } when)
                return actual => actual is DateTimeOffset d && d == when;
            return null;
        }
        return matcher switch
        {
            "eq" or "be" => actual => Same(expected, actual),
            "not eq" => actual => !Same(expected, actual),
            "include" when expected?.GetValueKind() == JsonValueKind.String => actual => actual is string s ? s.Contains((string)expected!) : actual is IEnumerable<string> l && l.Contains((string)expected!),
            _ => null,
        };
    }

    private static bool Same(JsonNode? expected, object? actual) => expected?.GetValueKind() switch
    {
        null or JsonValueKind.Null => actual is null,
        JsonValueKind.String => actual is string s && s.Trim() == ((string)expected!).Trim(),
        JsonValueKind.Number => actual is int i && i == (int)expected!,
        JsonValueKind.True or JsonValueKind.False => actual is bool b && b == (bool)expected!,
        JsonValueKind.Array => actual is IEnumerable<string> list && list.SequenceEqual(expected!.AsArray().Select(x => (string)x!)),
        _ => false,
    };

    /// <summary>The value an accessor names ("@feed.title", "@entry.url", "feed.entries[1].url", "@owner.email"...), or null when Feedjira-only.</summary>
    private static Func<Document, object?>? Field(string accessor)
    {
        var strip = accessor.EndsWith(".strip", StringComparison.Ordinal);
        if (strip) accessor = accessor[..^".strip".Length];
        Func<Document, object?>? field = null;
        if (accessor == "title_value") field = d => EntryField(d, 0, "title");
        else if (EntryIndexer().Match(accessor) is { Success: true } ix) field = d => EntryField(d, 0, ix.Groups[1].Value);
        else if (EntryAccessor().Match(accessor) is { Success: true } m && EntryFields.Contains(m.Groups["f"].Value))
        {
            var which = m.Groups["which"].Value.TrimStart('.');
            var name = m.Groups["f"].Value;
            field = d => EntryField(d, which == "last" ? d.Parsed.Items.Count - 1 : which.StartsWith('[') ? int.Parse(which.Trim('[', ']'), CultureInfo.InvariantCulture) : 0, name);
        }
        else if (FeedAccessor().Match(accessor) is { Success: true } f && FeedFields.ContainsKey(f.Groups["f"].Value))
            field = FeedFields[f.Groups["f"].Value];
        else if (OwnerAccessor().Match(accessor) is { Success: true } o)
            field = d => Text(d.Channel.Elements().FirstOrDefault(e => e.Name.LocalName == "owner"), o.Groups[1].Value);
        else if (ChapterAccessor().Match(accessor) is { Success: true } c)
            field = d => Chapter(d, c.Groups["which"].Value.TrimStart('.'), c.Groups["f"].Value);
        if (field is null || !strip) return field;
        return d => (field(d) as string)?.Trim();
    }

    private static readonly HashSet<string> EntryFields =
    [
        "title", "url", "author", "id", "entry_id", "categories", "content", "summary", "published", "updated", "comments",
        "raw_title", "title_type", "enclosure_url", "enclosure_type", "enclosure_length", "youtube_video_id",
        "media_title", "media_url", "media_type", "media_width", "media_height", "media_thumbnail_url", "media_thumbnail_width",
        "media_thumbnail_height", "media_star_count", "media_star_average", "media_views",
        "itunes_title", "itunes_author", "itunes_subtitle", "itunes_summary", "itunes_season", "itunes_episode", "itunes_episode_type",
        "itunes_duration", "itunes_keywords", "itunes_image", "itunes_order", "itunes_closed_captioned",
    ];

    private static readonly Dictionary<string, Func<Document, object?>> FeedFields = new()
    {
        ["title"] = d => HtmlText.ToPlainText(d.Parsed.Title),
        ["url"] = d => d.Parsed.Link,
        ["feed_url"] = d => d.Channel.Elements().Where(e => e.Name.LocalName == "link" && (string?)e.Attribute("rel") == "self").Select(e => (string?)e.Attribute("href")).FirstOrDefault()
                            ?? (d.Model.SpecificFeed as CodeHollow.FeedReader.Feeds.JsonFeed)?.FeedUrl,
        ["description"] = d => d.Model.Description,
        ["entries.size"] = d => d.Parsed.Items.Count,
        ["language"] = d => d.Model.Language,
        ["ttl"] = d => Text(d.Channel, "ttl"),
        ["last_built"] = d => Text(d.Channel, "lastBuildDate"),
        ["hubs.count"] = d => Hubs(d).Count,
        ["hubs.first"] = d => Hubs(d).FirstOrDefault(),
        ["version"] = d => (string?)d.Root?.Attribute("version") ?? (d.Model.SpecificFeed as CodeHollow.FeedReader.Feeds.JsonFeed)?.Version,
        ["generator"] = d => Text(d.Channel, "generator"),
        ["author"] = d => Text(d.Channel.Elements().FirstOrDefault(e => e.Name.LocalName == "author"), "name") ?? Text(d.Channel, "author"),
        ["icon"] = d => Text(d.Channel, "icon") ?? (d.Model.SpecificFeed as CodeHollow.FeedReader.Feeds.JsonFeed)?.Icon,
        ["favicon"] = d => (d.Model.SpecificFeed as CodeHollow.FeedReader.Feeds.JsonFeed)?.Favicon,
        ["youtube_channel_id"] = d => Text(d.Channel, "channelId"),
        ["image.url"] = d => Text(Image(d), "url"),
        ["image.title"] = d => Text(Image(d), "title"),
        ["image.link"] = d => Text(Image(d), "link"),
        ["image.width"] = d => Text(Image(d), "width"),
        ["image.height"] = d => Text(Image(d), "height"),
        ["image.description"] = d => Text(Image(d), "description"),
        ["itunes_subtitle"] = d => Itunes(d.Channel, "subtitle"),
        ["itunes_author"] = d => Itunes(d.Channel, "author"),
        ["itunes_summary"] = d => Itunes(d.Channel, "summary"),
        ["itunes_type"] = d => Itunes(d.Channel, "type"),
        ["itunes_complete"] = d => Itunes(d.Channel, "complete"),
        ["itunes_new_feed_url"] = d => Itunes(d.Channel, "new-feed-url"),
        ["itunes_image"] = d => ItunesImage(d.Channel),
        ["itunes_owners.size"] = d => d.Channel.Elements().Count(e => e.Name.LocalName == "owner"),
    };

    private static object? EntryField(Document d, int index, string name)
    {
        var item = d.Parsed.Items[index];
        var model = d.Model.Items.ElementAt(index);
        var e = model.SpecificItem?.Element;
        // What production stores for the item: canonical URL (the guid when there is no link), plain-text title.
        var stored = ItemNormaliser.Normalise(item, new FeedSource("https://feeds.example/feed"), "feed", DateTimeOffset.UnixEpoch);
        var atomContent = e?.Name.LocalName == "entry" ? e.Elements().FirstOrDefault(x => x.Name.LocalName == "content") : null;
        return name switch
        {
            "title" => stored?.Title,
            "raw_title" => item.Title,
            "title_type" => (string?)e?.Elements().FirstOrDefault(x => x.Name.LocalName == "title")?.Attribute("type"),
            "url" => stored?.Url,
            "author" => string.IsNullOrEmpty(model.Author) ? Text(e, "creator") ?? Text(e?.Elements().FirstOrDefault(x => x.Name.LocalName == "author"), "name") : model.Author,
            "id" or "entry_id" => item.Guid,
            "categories" => model.Categories.ToList(),
            "content" => (atomContent is null ? null : Monitor.Core.Feeds.Parsing.FeedElements.AtomHtml(atomContent)) ?? Text(e, "encoded") ?? model.Content ?? Media(e, "description"),
            "summary" => item.Summary,
            "published" => FeedDates.Parse(item.Date),
            "updated" => FeedDates.Parse(Text(e, "updated") ?? Text(e, "date_modified") ?? item.Date),
            "comments" => Text(e, "comments"),
            "enclosure_url" => (string?)Enclosure(e)?.Attribute("url"),
            "enclosure_type" => (string?)Enclosure(e)?.Attribute("type"),
            "enclosure_length" => (string?)Enclosure(e)?.Attribute("length"),
            "youtube_video_id" => Text(e, "videoId"),
            "media_title" => Media(e, "title"),
            "media_url" => MediaAttribute(e, "content", "url"),
            "media_type" => MediaAttribute(e, "content", "type"),
            "media_width" => MediaAttribute(e, "content", "width"),
            "media_height" => MediaAttribute(e, "content", "height"),
            "media_thumbnail_url" => MediaAttribute(e, "thumbnail", "url"),
            "media_thumbnail_width" => MediaAttribute(e, "thumbnail", "width"),
            "media_thumbnail_height" => MediaAttribute(e, "thumbnail", "height"),
            "media_star_count" => MediaAttribute(e, "starRating", "count"),
            "media_star_average" => MediaAttribute(e, "starRating", "average"),
            "media_views" => MediaAttribute(e, "statistics", "views"),
            "itunes_image" => ItunesImage(e),
            "itunes_episode_type" => Itunes(e, "episodeType"),
            "itunes_closed_captioned" => Itunes(e, "isClosedCaptioned"),
            _ when name.StartsWith("itunes_", StringComparison.Ordinal) => Itunes(e, name["itunes_".Length..]),
            _ => throw new InvalidOperationException("unmapped entry field " + name),
        };
    }

    private static object? Chapter(Document d, string which, string field)
    {
        // Feedjira orders chapters by start time.
        var chapters = d.Model.Items.First().SpecificItem.Element.Descendants().Where(x => x.Name.LocalName == "chapter")
            .OrderBy(x => Convert.ToDouble(NtpSeconds((string?)x.Attribute("start")) ?? 0.0, CultureInfo.InvariantCulture)).ToList();
        if (field == "size") return chapters.Count;
        var chapter = which switch { "last" => chapters[^1], "" => chapters[0], _ => chapters[int.Parse(which.Trim('[', ']'), CultureInfo.InvariantCulture)] };
        return field switch
        {
            "start_ntp" => (string?)chapter.Attribute("start"),
            "start" => NtpSeconds((string?)chapter.Attribute("start")),
            _ => (string?)chapter.Attribute(field == "url" ? "href" : field),
        };
    }

    /// <summary>Normal Play Time: "[[hh:]mm:]ss[.fff]".</summary>
    private static object? NtpSeconds(string? ntp)
    {
        if (ntp is null) return null;
        var seconds = 0.0;
        foreach (var part in ntp.Split(':'))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return null;
            seconds = seconds * 60 + value;
        }
        return seconds % 1 == 0 ? (int)seconds : (object)Math.Round(seconds, 3);
    }

    private static List<string> Hubs(Document d) =>
        d.Channel.Elements().Where(e => e.Name.LocalName == "link" && (string?)e.Attribute("rel") == "hub")
            .Select(e => (string?)e.Attribute("href") ?? "").ToList();

    private static XElement? Image(Document d) => d.Channel.Elements().FirstOrDefault(e => e.Name.LocalName == "image" && e.HasElements);

    private static XElement? Enclosure(XElement? e) => e?.Elements().FirstOrDefault(x => x.Name.LocalName == "enclosure");

    private static string? Itunes(XElement? e, string localName) =>
        e?.Elements().FirstOrDefault(x => x.Name.LocalName == localName && x.Name.NamespaceName.Contains("itunes", StringComparison.OrdinalIgnoreCase))?.Value.Trim();

    private static string? ItunesImage(XElement? e) =>
        (string?)e?.Elements().FirstOrDefault(x => x.Name.LocalName == "image" && x.Name.NamespaceName.Contains("itunes", StringComparison.OrdinalIgnoreCase))?.Attribute("href");

    private static string? Media(XElement? e, string localName) =>
        e?.Descendants().FirstOrDefault(x => x.Name.LocalName == localName && x.Name.NamespaceName.Contains("mrss"))?.Value.Trim();

    private static string? MediaAttribute(XElement? e, string localName, string attribute) =>
        (string?)e?.Descendants().FirstOrDefault(x => x.Name.LocalName == localName && x.Attribute(attribute) is not null)?.Attribute(attribute);

    private static string? Text(XElement? e, string localName) => e?.Elements().FirstOrDefault(x => x.Name.LocalName == localName)?.Value.Trim();

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => JsonSerializer.Serialize(s.Length > 120 ? s[..120] + "…" : s),
        IEnumerable<string> l => JsonSerializer.Serialize(l),
        DateTimeOffset d => d.ToString("o", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private sealed record Document(ParsedFeed Parsed, Feed Model, XElement? Root, XElement Channel)
    {
        public static Document? Load(string path)
        {
            try
            {
                var (parsed, model) = FeedParser.ParseWithModel(File.ReadAllBytes(path), null);
                var root = model.SpecificFeed?.Element?.Document?.Root;
                var channel = root is null ? new XElement("none")
                    : root.Name.LocalName == "feed" ? root
                    : root.Elements().FirstOrDefault(e => e.Name.LocalName == "channel") ?? root;
                return new Document(parsed, model, root, channel);
            }
            catch (FeedFormatException)
            {
                return null;
            }
        }
    }

    [GeneratedRegex(@"^(?<who>@entry|entry|@item|entries\.first|(?:@?feed\.entries)(?<which>\.first|\.last|\[\d+\]))\.(?<f>\w+)$")]
    private static partial Regex EntryAccessor();

    [GeneratedRegex(@"^@entry\[""(\w+)""\]$")]
    private static partial Regex EntryIndexer();

    [GeneratedRegex(@"^(?:@feed|feed|Feedjira\.parse\(sample_\w+\))\.(?<f>[\w.]+)$")]
    private static partial Regex FeedAccessor();

    [GeneratedRegex(@"^@owner\.(name|email)$")]
    private static partial Regex OwnerAccessor();

    [GeneratedRegex(@"^(?:@chapter|@item\.chapters(?<which>\[\d+\]|\.last)?)\.(?<f>\w+)$")]
    private static partial Regex ChapterAccessor();

    [GeneratedRegex(@"^(\w+?)FirstEntry\w*\.xml$")]
    private static partial Regex FirstEntry();

    [GeneratedRegex(@"^/(.*)/$")]
    private static partial Regex RubyRegex();

    [GeneratedRegex(@"ParseTime\.call\(""([^""]+)""")]
    private static partial Regex ParseTime();
}
