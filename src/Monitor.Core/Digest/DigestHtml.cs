using System.Text;
using static Monitor.Core.Digest.SafeText;

namespace Monitor.Core.Digest;

/// <summary>
/// The HTML part, written for mail clients: tables for layout, inline styles (light by default), a small
/// &lt;style&gt; only for dark mode and narrow screens, no script, no images, no web fonts. One column up to
/// 640 px that shrinks to any width; long words and URLs wrap. Every feed string is encoded and every link
/// is an http(s) URL or no link at all.
/// </summary>
public static class DigestHtml
{
    private const string Font = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";
    private const string Wrap = "word-break:break-word;overflow-wrap:anywhere;";
    private const string Text = "color:#1f2328;";
    private const string Muted = "color:#59636e;";
    private const string LinkStyle = "color:#0b57d0;text-decoration:underline;";
    private const string Card = "background-color:#ffffff;border:1px solid #d0d7de;border-radius:8px;";

    private const string Head = """
        <style>
          body { margin:0 !important; padding:0 !important; -webkit-text-size-adjust:100%; }
          @media (prefers-color-scheme: dark) {
            .m-bg { background-color:#0d1117 !important; }
            .m-card { background-color:#161b22 !important; border-color:#30363d !important; }
            .m-text { color:#e6edf3 !important; }
            .m-muted { color:#9198a1 !important; }
            .m-link { color:#79b8ff !important; }
            .m-top { background-color:#0b2a4a !important; border-color:#0b2a4a !important; }
            .m-warn { background-color:#2d2206 !important; border-color:#7a5c00 !important; }
            .m-warn-text { color:#f2cc60 !important; }
            .m-rule { border-color:#30363d !important; }
          }
          @media only screen and (max-width: 480px) {
            .m-pad { padding-left:14px !important; padding-right:14px !important; }
            .m-outer { padding-left:6px !important; padding-right:6px !important; }
            .m-h1 { font-size:20px !important; }
          }
        </style>
        """;

    public static string Render(DailyDigest d)
    {
        var o = new StringBuilder(16 * 1024);
        o.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
         .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
         .Append("<meta name=\"color-scheme\" content=\"light dark\">\n<meta name=\"supported-color-schemes\" content=\"light dark\">\n")
         .Append("<title>").Append(Html(DigestWording.Subject(d))).Append("</title>\n").Append(Head).Append("\n</head>\n");
        o.Append("<body class=\"m-bg\" style=\"margin:0;padding:0;background-color:#f2f4f7;\">\n");
        // Preview text for the inbox list, hidden in the message itself.
        o.Append("<div style=\"display:none;max-height:0;overflow:hidden;mso-hide:all;\">").Append(Html(DigestWording.Headline(d))).Append("</div>\n");
        o.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" class=\"m-bg\" style=\"background-color:#f2f4f7;\">\n")
         .Append("<tr><td align=\"center\" class=\"m-outer\" style=\"padding:16px 10px;\">\n")
         .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"max-width:640px;width:100%;\">\n");

        Top(o, d);
        Summary(o, d);
        foreach (var topic in d.Topics) Topic(o, d, topic);
        if (d.Feeds.Trouble.Count > 0) Trouble(o, d);
        Footer(o, d);

        o.Append("</table>\n</td></tr>\n</table>\n</body>\n</html>\n");
        return o.ToString();
    }

    private static void Top(StringBuilder o, DailyDigest d)
    {
        o.Append("<tr><td class=\"m-top m-pad\" style=\"").Append(Font).Append(Wrap)
         .Append("background-color:#0f3d68;border:1px solid #0f3d68;border-radius:8px;padding:20px 24px;color:#ffffff;\">\n")
         .Append("<div style=\"font-size:13px;letter-spacing:0.04em;text-transform:uppercase;color:#c9dcf2;\">Monitor daily digest</div>\n")
         .Append("<h1 class=\"m-h1\" style=\"margin:6px 0 8px 0;font-size:24px;line-height:1.25;font-weight:700;color:#ffffff;\">")
         .Append(Html(DigestWording.Day(d.Period.Date))).Append("</h1>\n")
         .Append("<div style=\"font-size:14px;line-height:1.45;color:#e3eefa;\">Following: ");
        var title = Html(d.Article.Title);
        if (Link(d.Article.Url) is { } url) o.Append(Anchor(url, title, "color:#ffffff;text-decoration:underline;", "")); else o.Append(title);
        o.Append("</div>\n</td></tr>\n").Append(Spacer);
    }

    private static void Summary(StringBuilder o, DailyDigest d)
    {
        CardStart(o);
        o.Append("<p class=\"m-text\" style=\"margin:0 0 10px 0;font-size:17px;line-height:1.4;font-weight:600;").Append(Text).Append("\">")
         .Append(Html(DigestWording.Headline(d))).Append("</p>\n");
        if (d.Topics.Count > 0)
        {
            o.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"margin:0 0 10px 0;\">\n");
            foreach (var t in d.Topics)
                o.Append("<tr><td class=\"m-text m-rule\" style=\"").Append(Font).Append(Wrap).Append(Text)
                 .Append("font-size:15px;line-height:1.4;padding:4px 0;border-bottom:1px solid #eaeef2;\">").Append(Html(t.Topic.Name)).Append("</td>")
                 .Append("<td class=\"m-text m-rule\" align=\"right\" style=\"").Append(Font).Append(Text)
                 .Append("font-size:15px;font-weight:700;padding:4px 0 4px 12px;border-bottom:1px solid #eaeef2;white-space:nowrap;\">")
                 .Append(t.Stories).Append("</td></tr>\n");
            o.Append("</table>\n");
        }
        if (d.ClaimsMoved.Count > 0)
        {
            o.Append("<p class=\"m-text\" style=\"margin:0 0 4px 0;font-size:14px;font-weight:600;").Append(Text).Append("\">Claims that moved</p>\n");
            foreach (var m in d.ClaimsMoved)
                o.Append("<p class=\"m-muted\" style=\"margin:0 0 4px 0;font-size:14px;line-height:1.4;").Append(Muted).Append("\"><strong class=\"m-text\" style=\"")
                 .Append(Text).Append("\">").Append(Html(m.Claim.Id)).Append("</strong> (").Append(Html(DigestWording.Plural(m.Stories, "story", "stories")))
                 .Append("): ").Append(Html(Shorten(m.Claim.Text, 110))).Append("</p>\n");
        }
        o.Append("<p class=\"m-muted\" style=\"margin:10px 0 0 0;font-size:13px;line-height:1.4;").Append(Muted).Append("\">")
         .Append(Html(DigestWording.FeedsLine(d))).Append("</p>\n");
        CardEnd(o);
    }

    private static void Topic(StringBuilder o, DailyDigest d, DigestTopic topic)
    {
        CardStart(o);
        o.Append("<h2 class=\"m-text\" style=\"margin:0 0 4px 0;font-size:20px;line-height:1.3;").Append(Text).Append("\">").Append(Html(topic.Topic.Name))
         .Append("</h2>\n<p class=\"m-muted\" style=\"margin:0 0 8px 0;font-size:13px;").Append(Muted).Append("\">")
         .Append(Html(DigestWording.Plural(topic.Stories, "new story", "new stories"))).Append("</p>\n");
        foreach (var group in topic.Groups)
        {
            o.Append("<h3 class=\"m-text m-rule\" style=\"margin:14px 0 6px 0;padding-top:10px;border-top:1px solid #eaeef2;font-size:15px;line-height:1.4;")
             .Append(Text).Append("\">").Append(Html(DigestWording.ClaimHeading(group.Claim))).Append("</h3>\n");
            foreach (var story in group.Stories) Story(o, d, story);
        }
        if (topic.Elsewhere.Count > 0)
        {
            o.Append("<h3 class=\"m-text m-rule\" style=\"margin:14px 0 6px 0;padding-top:10px;border-top:1px solid #eaeef2;font-size:15px;line-height:1.4;")
             .Append(Text).Append("\">Also about this topic, shown above</h3>\n");
            foreach (var e in topic.Elsewhere)
            {
                var title = Html(e.Entry.Title.Length > 0 ? e.Entry.Title : "(untitled)");
                o.Append("<p class=\"m-muted\" style=\"margin:0 0 6px 0;font-size:14px;line-height:1.4;").Append(Muted).Append("\">");
                if (Link(e.Entry.Url) is { } url) o.Append(Anchor(url, title, LinkStyle, "m-link")); else o.Append(title);
                o.Append(" (under ").Append(Html(e.Home.Name)).Append(")</p>\n");
            }
        }
        CardEnd(o);
    }

    private static void Story(StringBuilder o, DailyDigest d, DigestStory s)
    {
        var e = s.Entry;
        var title = Html(e.Title.Length > 0 ? e.Title : "(untitled)");
        o.Append("<div style=\"margin:0 0 14px 0;\">\n<p style=\"margin:0 0 2px 0;font-size:16px;line-height:1.35;font-weight:600;\">");
        if (Link(e.Url) is { } url) o.Append(Anchor(url, title, LinkStyle, "m-link")); else o.Append("<span class=\"m-text\" style=\"").Append(Text).Append("\">").Append(title).Append("</span>");
        o.Append("</p>\n<p class=\"m-muted\" style=\"margin:0 0 4px 0;font-size:13px;line-height:1.4;").Append(Muted).Append("\">")
         .Append(Html(e.Source)).Append(" · ").Append(Html(DigestWording.When(d, e.Published)));
        if (Linking.LanguageNames.OfForeign(e.Lang) is { } language) o.Append(" · in ").Append(Html(language));
        AlsoIn(o, e);
        o.Append("</p>\n");
        if (s.Why.Sentence.Length > 0)
            o.Append("<p class=\"m-text\" style=\"margin:0 0 4px 0;padding-left:10px;border-left:3px solid #afb8c1;font-size:14px;line-height:1.45;font-style:italic;")
             .Append(Text).Append("\">“").Append(Html(Shorten(s.Why.Sentence, 300))).Append("”</p>\n");
        o.Append("<p class=\"m-muted\" style=\"margin:0;font-size:13px;line-height:1.4;").Append(Muted).Append("\">Why: ").Append(Html(DigestWording.Why(s.Why)));
        if (s.OtherClaims.Count > 0) o.Append(" · also bears on ").Append(Html(string.Join(", ", s.OtherClaims.Select(c => c.Id))));
        if (s.AlsoAbout.Count > 0) o.Append(" · also about ").Append(Html(string.Join(", ", s.AlsoAbout.Select(t => t.Name))));
        o.Append("</p>\n</div>\n");
    }

    /// <summary>"also in: A, B": the other outlets, each linked to its own copy when it has an http(s) one.</summary>
    private static void AlsoIn(StringBuilder o, Query.CoverageEntry e)
    {
        var others = e.Sources.Skip(1).Where(s => OneLine(s).Length > 0).ToList();
        var copies = e.AlsoReported.Where(r => Link(r.Url) is not null).GroupBy(r => r.Source).ToDictionary(g => g.Key, g => Link(g.First().Url)!);
        foreach (var copy in copies.Keys) if (!others.Contains(copy) && copy != e.Source) others.Add(copy);
        if (others.Count == 0) return;
        o.Append(" · also in: ");
        for (var i = 0; i < others.Count; i++)
        {
            if (i > 0) o.Append(", ");
            var name = Html(others[i]);
            if (copies.TryGetValue(others[i], out var url)) o.Append(Anchor(url, name, "color:#59636e;text-decoration:underline;", "m-muted")); else o.Append(name);
        }
    }

    private static void Trouble(StringBuilder o, DailyDigest d)
    {
        o.Append("<tr><td class=\"m-warn m-pad\" style=\"").Append(Font).Append(Wrap)
         .Append("background-color:#fff4e5;border:1px solid #f0b429;border-radius:8px;padding:18px 24px;\">\n")
         .Append("<h2 class=\"m-warn-text\" style=\"margin:0 0 8px 0;font-size:18px;color:#5c3c00;\">Feeds in trouble</h2>\n");
        foreach (var t in d.Feeds.Trouble)
        {
            o.Append("<p class=\"m-warn-text\" style=\"margin:0 0 10px 0;font-size:14px;line-height:1.45;color:#5c3c00;\"><strong>");
            var name = Html(t.Title ?? t.Url);
            if (Link(t.Url) is { } url) o.Append(Anchor(url, name, "color:#5c3c00;text-decoration:underline;", "m-warn-text")); else o.Append(name);
            o.Append("</strong><br>").Append(Html(DigestWording.Trouble(d, t)));
            if (!string.IsNullOrWhiteSpace(t.LastError)) o.Append("<br>Last error: ").Append(Html(Shorten(t.LastError, 300)));
            o.Append("</p>\n");
        }
        o.Append("</td></tr>\n").Append(Spacer);
    }

    private static void Footer(StringBuilder o, DailyDigest d) =>
        o.Append("<tr><td class=\"m-muted m-pad\" style=\"").Append(Font).Append(Wrap).Append(Muted)
         .Append("font-size:12px;line-height:1.5;padding:4px 24px 16px 24px;\">Sent by Monitor to ").Append(Html(d.Recipient.Address))
         .Append(", following ").Append(Html(DigestWording.Following(d))).Append(". Times are ").Append(Html(d.Zone.Id)).Append(".</td></tr>\n");

    private const string Spacer = "<tr><td style=\"height:12px;line-height:12px;font-size:0;\">&nbsp;</td></tr>\n";

    private static void CardStart(StringBuilder o) =>
        o.Append("<tr><td class=\"m-card m-pad\" style=\"").Append(Font).Append(Wrap).Append(Card).Append("padding:18px 24px;\">\n");

    private static void CardEnd(StringBuilder o) => o.Append("</td></tr>\n").Append(Spacer);

    /// <summary>An anchor to a URL already checked by <see cref="SafeText.Link"/>; the text is already encoded.</summary>
    private static string Anchor(string url, string encodedText, string style, string cssClass) =>
        $"<a href=\"{System.Net.WebUtility.HtmlEncode(url)}\" target=\"_blank\" rel=\"noopener noreferrer\"{(cssClass.Length > 0 ? $" class=\"{cssClass}\"" : "")} style=\"{style}\">{encodedText}</a>";
}
