using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Monitor.Core.Feeds;
using Monitor.Core.Feeds.Parsing;

namespace Monitor.Tests.Feeds.Conformance;

/// <summary>
/// Our parse of a feed, shaped like feedparser's result dict so its expectations can be checked. The fields our
/// pipeline keeps (titles, links, ids, summaries, the item date) come from <see cref="ParsedFeed"/>, i.e. from
/// production code; the others (authors, tags, rights, language...) are read here from the parsed elements.
/// </summary>
internal static partial class FeedparserView
{
    public static JsonObject Build(ParsedFeed parsed, XElement? root, Uri? documentBase, string? contentLanguage)
    {
        var channel = root is null ? null : Channel(root);
        var feed = new JsonObject();
        Set(feed, "title", channel?.Name.LocalName == "feed" ? AsFeedparserText(parsed.Title, channel.Elements().FirstOrDefault(x => x.Name.LocalName == "title")) : parsed.Title);
        Set(feed, "link", Resolve(parsed.Link, documentBase) ?? LinkOf(channel, documentBase));
        if (channel is not null) FillFeed(feed, channel, documentBase);
        var language = Lang(root) ?? Lang(channel) ?? Text(channel, "language") ?? contentLanguage;
        Set(feed, "language", language);

        var entries = new JsonArray();
        var elements = channel is null ? [] : Items(root!, channel).ToList();
        for (var i = 0; i < parsed.Items.Count; i++)
            entries.Add(Entry(parsed.Items[i], i < elements.Count ? elements[i] : null, documentBase));
        return new JsonObject { ["feed"] = feed, ["entries"] = entries };
    }

    private static XElement Channel(XElement root) =>
        root.Name.LocalName == "feed" ? root : root.Elements().FirstOrDefault(e => e.Name.LocalName == "channel") ?? root;

    private static IEnumerable<XElement> Items(XElement root, XElement channel) =>
        root.Name.LocalName == "feed" ? root.Elements().Where(e => e.Name.LocalName == "entry")
        : root.Name.LocalName == "rss" ? channel.Elements().Where(e => e.Name.LocalName == "item")
        : root.Elements().Where(e => e.Name.LocalName == "item");

    private static void FillFeed(JsonObject feed, XElement channel, Uri? documentBase)
    {
        var atom = channel.Name.LocalName == "feed";
        Set(feed, "subtitle", atom ? AtomText(channel, "subtitle", "tagline") : Text(channel, "description") ?? Text(channel, "subtitle", "summary"));
        Set(feed, "info", atom ? AtomText(channel, "info") : Text(channel, "browserFriendly"));
        Set(feed, "rights", atom ? AtomText(channel, "rights", "copyright") : Text(channel, "copyright", "rights"));
        Set(feed, "generator", Text(channel, "generator"));
        Set(feed, "id", atom ? Resolve(Text(channel, "id"), BaseOf(channel, documentBase)) : null);
        Dates(feed, channel, atom);
        People(feed, channel, atom, documentBase);
        Links(feed, channel, atom, documentBase);
        Tags(feed, channel);
        var image = channel.Elements().FirstOrDefault(e => e.Name.LocalName == "image" && e.Name.NamespaceName.Length == 0);
        var imageHref = Text(image, "url") ?? channel.Elements().Where(e => e.Name.LocalName == "image").Select(e => Attr(e, "href") ?? Attr(e, "url")).FirstOrDefault(h => h is not null)
                        ?? channel.Elements().Where(e => e.Name.LocalName == "link" && Attr(e, "rel") == "image").Select(e => Attr(e, "href")).FirstOrDefault();
        if (imageHref is not null || image is not null)
            feed["image"] = new JsonObject { ["href"] = imageHref, ["title"] = Text(image, "title") };
    }

    private static JsonObject Entry(ParsedItem item, XElement? e, Uri? documentBase)
    {
        var entry = new JsonObject();
        var atom = e?.Name.LocalName == "entry";
        var itemBase = e is null ? documentBase : BaseOf(e, documentBase);
        Set(entry, "title", atom ? AsFeedparserText(item.Title, e!.Elements().FirstOrDefault(x => x.Name.LocalName == "title")) : item.Title);
        Set(entry, "summary", item.Summary);
        Set(entry, "id", atom ? Resolve(item.Guid, itemBase) : item.Guid);
        var guid = e?.Elements().FirstOrDefault(x => x.Name.LocalName == "guid");
        var permalink = guid is not null && !string.Equals(Attr(guid, "isPermaLink"), "false", StringComparison.OrdinalIgnoreCase)
            ? guid.Value.Trim() : null;
        Set(entry, "link", Resolve(item.Link, itemBase) ?? (Uri.IsWellFormedUriString(permalink, UriKind.Absolute) ? permalink : null));
        if (e is null) return entry;
        Set(entry, "rights", atom ? AtomText(e, "rights") : Text(e, "rights", "copyright"));
        Set(entry, "comments", Resolve(Text(e, "comments"), itemBase));
        Dates(entry, e, atom);
        People(entry, e, atom, documentBase);
        Links(entry, e, atom, documentBase);
        Tags(entry, e);
        var content = new JsonArray();
        foreach (var c in e.Elements().Where(x => x.Name.LocalName is "content" or "encoded" or "fullitem" or "body"))
        {
            var type = c.Name.LocalName switch
            {
                "body" => "application/xhtml+xml",
                "content" when atom => AtomType(c),
                _ => "text/html",
            };
            content.Add(new JsonObject { ["type"] = type, ["value"] = atom ? FeedElementsHtml(c) : c.Value.Trim() });
        }
        if (content.Count > 0) entry["content"] = content;
        var source = e.Elements().FirstOrDefault(x => x.Name.LocalName == "source");
        if (source is not null)
            entry["source"] = atom
                ? new JsonObject { ["title"] = AtomText(source, "title") }
                : new JsonObject { ["title"] = source.Value.Trim(), ["href"] = Attr(source, "url") };
        return entry;
    }

    /// <summary>feedparser lets a later element overwrite an earlier one, so the last of the synonyms wins.</summary>
    private static void Dates(JsonObject target, XElement e, bool atom)
    {
        Date(target, "published", Last(e, atom ? ["published", "issued"] : ["pubDate", "issued"]));
        Date(target, "updated", Last(e, atom ? ["updated", "modified"] : ["lastBuildDate", "date", "modified"]));
        Date(target, "created", Last(e, ["created"]));
    }

    private static string? Last(XElement e, string[] localNames) =>
        e.Elements().LastOrDefault(x => localNames.Contains(x.Name.LocalName))?.Value.Trim();

    private static void Date(JsonObject target, string key, string? value)
    {
        if (value is null) return;
        target[key] = value;
        if (FeedDates.Parse(value) is { } d)
        {
            var u = d.UtcDateTime;
            target[key + "_parsed"] = new JsonArray(u.Year, u.Month, u.Day, u.Hour, u.Minute, u.Second, ((int)u.DayOfWeek + 6) % 7, u.DayOfYear, 0);
        }
    }

    private static void People(JsonObject target, XElement e, bool atom, Uri? documentBase)
    {
        var people = new JsonArray();
        if (atom)
        {
            foreach (var a in e.Elements().Where(x => x.Name.LocalName == "author"))
                people.Add(Person(Text(a, "name"), Text(a, "email"), Resolve(Text(a, "uri", "url", "homepage"), BaseOf(a, documentBase))));
        }
        else
        {
            foreach (var a in e.Elements().Where(x => x.Name.LocalName is "author" or "creator" or "managingEditor" && !string.IsNullOrWhiteSpace(x.Value)))
                people.Add(SplitPerson(a.Value.Trim()));
        }
        if (people.Count == 0) return;
        target["authors"] = people;
        var first = (JsonObject)people[0]!;
        target["author_detail"] = first.DeepClone();
        var name = (string?)first["name"];
        var email = (string?)first["email"];
        Set(target, "author", name is not null && email is not null ? $"{name} ({email})" : name ?? email);
    }

    private static JsonObject Person(string? name, string? email, string? href)
    {
        var person = new JsonObject();
        Set(person, "name", name);
        Set(person, "email", email);
        Set(person, "href", href);
        return person;
    }

    /// <summary>"me@example.com (Example editor)", "Example editor &lt;me@example.com&gt;" or a bare name.</summary>
    private static JsonObject SplitPerson(string value)
    {
        var email = Email().Match(value);
        if (!email.Success) return Person(value, null, null);
        var name = value.Remove(email.Index, email.Length).Trim().Trim('(', ')', '<', '>').Trim();
        return Person(name.Length > 0 ? name : null, email.Value, null);
    }

    private static void Links(JsonObject target, XElement e, bool atom, Uri? documentBase)
    {
        var links = new JsonArray();
        var enclosures = new JsonArray();
        foreach (var l in e.Elements().Where(x => x.Name.LocalName is "link" or "enclosure"))
        {
            if (l.Name.LocalName == "enclosure")
            {
                var url = Resolve(Attr(l, "url"), BaseOf(l, documentBase));
                links.Add(new JsonObject { ["rel"] = "enclosure", ["type"] = Attr(l, "type"), ["href"] = url, ["length"] = Attr(l, "length") });
                enclosures.Add(Enclosure(url, Attr(l, "length"), Attr(l, "type")));
                continue;
            }
            if (!atom && l.Attribute("href") is null)
            {
                if (Resolve(l.Value.Trim(), BaseOf(l, documentBase)) is { Length: > 0 } rssLink)
                    links.Add(new JsonObject { ["rel"] = "alternate", ["type"] = "text/html", ["href"] = rssLink });
                continue;
            }
            var link = new JsonObject { ["rel"] = Attr(l, "rel") ?? "alternate" };
            var type = Attr(l, "type") ?? ((string?)link["rel"] == "self" ? "application/atom+xml" : null);
            Set(link, "type", type);
            link["href"] = Resolve(Attr(l, "href") ?? "", BaseOf(l, documentBase)) ?? "";
            Set(link, "title", Attr(l, "title"));
            Set(link, "length", Attr(l, "length"));
            links.Add(link);
            if ((string?)link["rel"] == "enclosure") enclosures.Add(Enclosure((string?)link["href"], Attr(l, "length"), type));
        }
        if (links.Count > 0) target["links"] = links;
        if (enclosures.Count > 0) target["enclosures"] = enclosures;
    }

    private static JsonObject Enclosure(string? href, string? length, string? type)
    {
        var enclosure = new JsonObject();
        Set(enclosure, "href", href);
        Set(enclosure, "length", length);
        Set(enclosure, "type", type);
        return enclosure;
    }

    private static void Tags(JsonObject target, XElement e)
    {
        var tags = new JsonArray();
        foreach (var c in e.Elements())
        {
            switch (c.Name.LocalName)
            {
                case "category" when c.Attribute("text") is not null: // iTunes, possibly nested
                    foreach (var it in c.DescendantsAndSelf().Where(x => x.Name.LocalName == "category"))
                        tags.Add(Tag(Attr(it, "text"), "http://www.itunes.com/", null));
                    break;
                case "category" when c.Attribute("term") is not null:
                    tags.Add(Tag(Attr(c, "term"), Attr(c, "scheme"), Attr(c, "label")));
                    break;
                case "category":
                    var scheme = Attr(c, "domain") ?? Attr(c, "scheme");
                    if (scheme is null && c.Name.NamespaceName.StartsWith("http://search.yahoo.com/mrss", StringComparison.Ordinal))
                        scheme = "http://search.yahoo.com/mrss/category_schema";
                    tags.Add(Tag(c.Nodes().OfType<XText>().Select(t => t.Value).Aggregate("", string.Concat).Trim(), scheme, Attr(c, "label")));
                    break;
                case "subject":
                    tags.Add(Tag(c.Value.Trim(), null, null));
                    break;
                case "keywords" or "tags":
                    foreach (var k in c.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        tags.Add(Tag(k, c.Name.LocalName == "keywords" ? "http://www.itunes.com/" : null, null));
                    break;
            }
        }
        if (tags.Count == 0) return;
        target["tags"] = tags;
        Set(target, "category", (string?)tags[0]!["term"]);
    }

    private static JsonObject Tag(string? term, string? scheme, string? label) =>
        new() { ["term"] = term, ["scheme"] = scheme, ["label"] = label };

    private static string? Text(XElement? e, params string[] localNames)
    {
        if (e is null) return null;
        foreach (var name in localNames)
        {
            var child = e.Elements().FirstOrDefault(x => x.Name.LocalName == name);
            if (child is not null) return child.Value.Trim();
        }
        return null;
    }

    private static string? AtomText(XElement e, params string[] localNames)
    {
        var child = localNames.Select(n => e.Elements().FirstOrDefault(x => x.Name.LocalName == n)).FirstOrDefault(x => x is not null);
        return child is null ? null : AsFeedparserText(FeedElementsHtml(child), child);
    }

    /// <summary>Production keeps every Atom text construct as HTML; feedparser keeps type="text" as plain text.</summary>
    private static string? AsFeedparserText(string? html, XElement? construct) =>
        html is not null && construct is not null && AtomType(construct) == "text/plain" && !construct.HasElements
            ? System.Net.WebUtility.HtmlDecode(html)
            : html;

    /// <summary>Production's reading of an Atom text construct (HTML).</summary>
    private static string FeedElementsHtml(XElement e) => Monitor.Core.Feeds.Parsing.FeedElements.AtomHtml(e) ?? "";

    private static string AtomType(XElement e) => (Attr(e, "type") ?? "text") switch
    {
        "text" or "" => "text/plain",
        "html" => "text/html",
        "xhtml" => "application/xhtml+xml",
        var other => other,
    };

    private static string? Attr(XElement? e, string name) => e?.Attribute(name)?.Value.Trim();

    private static string? Lang(XElement? e) => e?.Attribute(XNamespace.Xml + "lang")?.Value.Replace('_', '-');

    private static string? LinkOf(XElement? channel, Uri? documentBase) =>
        channel is null ? null : Resolve(Text(channel, "link"), BaseOf(channel, documentBase));

    private static Uri? BaseOf(XElement e, Uri? documentBase)
    {
        var result = documentBase;
        foreach (var element in e.AncestorsAndSelf().Reverse())
        {
            var value = element.Attribute(XNamespace.Xml + "base")?.Value.Trim();
            if (string.IsNullOrEmpty(value)) continue;
            if (Uri.TryCreate(value, UriKind.Absolute, out var abs) && abs.Scheme is "http" or "https") result = abs;
            else if (result is not null && Uri.TryCreate(result, value, out var rel)) result = rel;
        }
        return result;
    }

    private static string? Resolve(string? link, Uri? baseUri)
    {
        if (link is null) return null;
        if (Uri.TryCreate(link, UriKind.Absolute, out var abs) && abs.Scheme != "file") return link;
        return baseUri is not null && Uri.TryCreate(baseUri, link, out var resolved) ? resolved.ToString() : link;
    }

    private static void Set(JsonObject target, string key, string? value)
    {
        if (value is not null) target[key] = value;
    }

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+")]
    private static partial Regex Email();
}
