using System.Globalization;
using Monitor.Core.Articles;
using Monitor.Core.Query;

namespace Monitor.Api.Page;

/// <summary>
/// The page to browse the story, rendered on the server: the article and its claims, each topic with its
/// newest coverage (or one topic's coverage, page by page), each item with its sources and evidence. No script.
/// </summary>
internal static class StoryPage
{
    private static readonly Lazy<string> Css = new(() =>
    {
        using var stream = typeof(StoryPage).Assembly.GetManifestResourceStream("page.css")
            ?? throw new InvalidOperationException("the embedded page.css is missing");
        return new StreamReader(stream).ReadToEnd();
    });

    public static string Render(PageModel m, string nonce)
    {
        var h = new Html();
        h.Raw("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        h.Element("title", m.Topic is { } t ? $"{t.Name} · Monitor" : $"{m.Article.Title} · Monitor");
        h.Open("style", ("nonce", nonce)).Raw(Css.Value).Raw("</style></head><body>");
        Header(h, m);
        Filters(h, m);
        h.Raw("<main>");
        if (m.Error is { } error) h.Element("p", error, ("class", "error"), ("role", "alert"));
        if (m.Overview is { } overview) foreach (var block in overview) TopicOverview(h, m, block);
        if (m.Topic is { } topic && m.Coverage is { } page) TopicCoverage(h, m, topic, page);
        h.Raw("</main><footer>");
        h.Text("JSON: ").Element("a", "topics", ("href", $"{m.ApiBase}/topics")).Text(" · ")
            .Element("a", "OpenAPI description", ("href", $"{m.ApiBase}/openapi.json")).Text(" · Monitor");
        h.Raw("</footer></body></html>");
        return h.ToString();
    }

    private static void Header(Html h, PageModel m)
    {
        var a = m.Article;
        h.Raw("<header class=\"article\">").Element("p", "Monitor follows", ("class", "kicker"));
        h.Element("h1", a.Title);
        h.Raw("<p class=\"meta\">");
        if (a.Source is { } source) h.Text(source).Text(" · ");
        h.Text($"published {Day(a.Published)}");
        if (a.Url is { } url && Html.SafeUrl(url) is not null) h.Text(" · ").ExternalLink(url, "the original");
        h.Text($" · {a.Topics.Count} topics · {a.Claims.Count} claims");
        h.Raw("</p></header>");
    }

    private static void Filters(Html h, PageModel m)
    {
        var f = m.Filters;
        h.Raw("<form class=\"filters\" method=\"get\">");
        if (m.Catalog.Articles.Count > 1)
        {
            h.Raw("<label>Article ").Open("select", ("name", "article"));
            foreach (var a in m.Catalog.Articles) Option(h, a.Id, a.Title, a.Id == m.Article.Id);
            h.Raw("</select></label>");
        }
        h.Raw("<label>Topic ").Open("select", ("name", "topic"), ("id", "topic"));
        Option(h, "", "All topics", m.Topic is null);
        foreach (var t in m.Article.Topics) Option(h, t.Id, $"{t.Name} ({Count(m, t.Id)})", m.Topic?.Id == t.Id);
        h.Raw("</select></label>");
        h.Raw("<label>Claim ").Open("select", ("name", "claim"), ("id", "claim"));
        Option(h, "", "Any claim", m.Claim is null);
        foreach (var t in m.Article.Topics)
        {
            h.Open("optgroup", ("label", t.Name));
            foreach (var c in m.Article.ClaimsOf(t.Id)) Option(h, c.Id, $"{c.Id} · {Shorten(c.Text, 70)}", m.Claim?.Id == c.Id && m.Topic?.Id == t.Id);
            h.Raw("</optgroup>");
        }
        h.Raw("</select></label>");
        h.Raw("<label>Since ").Open("input", ("type", "date"), ("name", "since"), ("id", "since"), ("value", DateValue(f.Since))).Raw("</label>");
        h.Raw("<label>Before ").Open("input", ("type", "date"), ("name", "until"), ("id", "until"), ("value", DateValue(f.Until))).Raw("</label>");
        if (f.Limit != PageFilters.DefaultLimit) h.Open("input", ("type", "hidden"), ("name", "limit"), ("value", f.Limit.ToString(CultureInfo.InvariantCulture)));
        if (f.Code is { } code) h.Open("input", ("type", "hidden"), ("name", "code"), ("value", code));
        h.Raw("<button type=\"submit\">Show</button>");
        h.Element("a", "Clear", ("href", Html.Query(("article", f.Article), ("code", f.Code))), ("class", "clear"));
        h.Raw("</form>");
    }

    private static void TopicOverview(Html h, PageModel m, TopicBlock block)
    {
        var t = block.Topic;
        h.Open("section", ("class", "topic"), ("id", $"topic-{t.Id}"));
        h.Raw("<h2>").Element("a", t.Name, ("href", m.Filters.Link(t.Id, null))).Raw(" ").Element("span", Items(Count(m, t.Id)), ("class", "count")).Raw("</h2>");
        h.Element("p", t.Description, ("class", "description"));
        Claims(h, m, t, open: false);
        if (block.Newest.Count == 0) h.Element("p", "No coverage yet.", ("class", "empty"));
        foreach (var e in block.Newest) Item(h, m, t, e);
        if (block.Newest.Count > 0)
            h.Raw("<p class=\"more\">").Element("a", $"All coverage of {t.Name} →", ("href", m.Filters.Link(t.Id, null))).Raw("</p>");
        h.Raw("</section>");
    }

    private static void TopicCoverage(Html h, PageModel m, Topic t, CoveragePage page)
    {
        h.Open("section", ("class", "topic coverage"), ("id", $"topic-{t.Id}"));
        h.Raw("<h2>").Text(t.Name).Raw(" ").Element("span", Items(Count(m, t.Id)), ("class", "count")).Raw("</h2>");
        h.Element("p", t.Description, ("class", "description"));
        Claims(h, m, t, open: m.Claim is null);
        if (m.Claim is { } c)
        {
            h.Raw("<p class=\"claim-filter\">").Element("strong", $"Claim {c.Id}: ").Text(c.Text).Text(" ")
                .Element("a", "(any claim)", ("href", m.Filters.Link(t.Id, null))).Raw("</p>");
        }
        h.Element("p", page.Stories.Count == 0
            ? (m.Next is null && page.Entries == 0 ? "No items for these filters." : "No items on this page.")
            : $"{page.Stories.Count} stories from {Items(page.Entries)}, newest first.", ("class", "page-info"));
        h.Raw("<div class=\"items\">");
        foreach (var e in page.Stories) Item(h, m, t, e);
        h.Raw("</div><nav class=\"paging\">");
        h.Element("a", "Newest", ("href", m.Filters.Link(t.Id, m.Claim?.Id)), ("class", "newest"));
        if (m.Next is { } next) h.Element("a", "Older items →", ("href", m.Filters.Link(t.Id, m.Claim?.Id, next)), ("rel", "next"), ("class", "older"));
        h.Raw("</nav></section>");
    }

    private static void Claims(Html h, PageModel m, Topic t, bool open)
    {
        var claims = m.Article.ClaimsOf(t.Id).ToList();
        h.Open("details", ("class", "claims"), ("open", open ? "open" : null)).Element("summary", $"{claims.Count} claims of the article").Raw("<ul>");
        foreach (var c in claims)
        {
            h.Raw("<li>").Element("a", c.Id, ("href", m.Filters.Link(t.Id, c.Id)), ("class", "claim-id")).Raw(" ").Text(c.Text)
                .Raw(" ").Element("span", Items(m.Summary?.StatsOf(c.Id, t.Id).Items ?? 0), ("class", "count")).Raw("</li>");
        }
        h.Raw("</ul></details>");
    }

    private static void Item(Html h, PageModel m, Topic t, CoverageEntry e)
    {
        // The item's own language, so browsers and screen readers read its title and sentence right
        var lang = Monitor.Core.Linking.TermTag.IsLanguage(e.Lang) ? $" lang=\"{e.Lang}\"" : "";
        h.Raw($"<article class=\"item\"{lang}><h3>").ExternalLink(e.Url, e.Title.Length > 0 ? e.Title : e.Url).Raw("</h3>");
        h.Raw("<p class=\"meta\">").Element("time", $"{e.Published.UtcDateTime:yyyy-MM-dd HH:mm} UTC", ("datetime", CoverageViews.Iso(e.Published)))
            .Text(" · ").Element("span", string.Join(", ", e.Sources), ("class", "sources"))
            .Text(Monitor.Core.Linking.LanguageNames.OfForeign(e.Lang) is { } language ? $" · in {language}" : "")
            .Text($" · score {e.Score.ToString("0.00", CultureInfo.InvariantCulture)}").Raw("</p>");
        // The evidence sentence is often the whole summary: then show it once, as the evidence.
        if (e.Summary.Length > 0 && e.Summary.Trim() != e.Sentence.Trim()) h.Element("p", Shorten(e.Summary, 320), ("class", "summary"));
        if (e.Sentence.Length > 0) h.Element("blockquote", e.Sentence, ("class", "evidence"));
        if (e.Terms.Count > 0)
        {
            h.Raw("<p class=\"why\">matched ");
            foreach (var term in e.Terms) h.Element("span", term, ("class", "term")).Raw(" ");
            h.Raw("</p>");
        }
        if (e.Claims.Count > 0)
        {
            h.Raw("<ul class=\"item-claims\">");
            foreach (var c in e.Claims)
            {
                var claim = m.Article.FindClaim(c.Id);
                h.Raw("<li>").Element("a", c.Id, ("href", m.Filters.Link(claim?.TopicIds.Contains(t.Id) == false ? claim.TopicIds[0] : t.Id, c.Id)), ("title", claim?.Text), ("class", "claim-id"))
                    .Text($" {c.Score.ToString("0.00", CultureInfo.InvariantCulture)} · {string.Join(", ", c.Terms)}").Raw("</li>");
            }
            h.Raw("</ul>");
        }
        if (e.AlsoReported.Count > 0)
        {
            h.Raw("<details class=\"also\">").Element("summary", $"Also reported: {e.AlsoReported.Count} more").Raw("<ul>");
            foreach (var r in e.AlsoReported)
                h.Raw("<li>").ExternalLink(r.Url, r.Title.Length > 0 ? r.Title : r.Url).Text($" · {r.Source}, {r.Published.UtcDateTime:yyyy-MM-dd HH:mm} UTC").Raw("</li>");
            h.Raw("</ul></details>");
        }
        h.Raw("</article>");
    }

    private static void Option(Html h, string value, string text, bool selected)
    {
        h.Open("option", ("value", value), ("selected", selected ? "selected" : null)).Text(text).Raw("</option>");
    }

    private static int Count(PageModel m, string id) => m.Summary?.CountOf(id) ?? 0;

    private static string Items(int n) => n == 1 ? "1 item" : $"{n} items";

    private static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A date input takes yyyy-MM-dd; a full timestamp typed in the URL shows its day.</summary>
    private static string? DateValue(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d)
            ? Day(d) : null;

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
}
