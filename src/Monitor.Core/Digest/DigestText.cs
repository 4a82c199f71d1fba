using System.Text;

namespace Monitor.Core.Digest;

/// <summary>The plain-text part: the same content as the HTML, one line per fact, links only when http(s).</summary>
public static class DigestText
{
    public static string Render(DailyDigest d)
    {
        var o = new StringBuilder();
        void Line(string text = "") => o.Append(text).Append('\n');

        Line($"Monitor digest for {DigestWording.Day(d.Period.Date)}");
        Line($"Following: {SafeText.OneLine(d.Article.Title)}");
        Line();
        Line(DigestWording.Headline(d));
        foreach (var t in d.Topics) Line($"  {SafeText.OneLine(t.Topic.Name)}: {DigestWording.Plural(t.Stories, "story", "stories")}");
        if (d.ClaimsMoved.Count > 0)
        {
            Line("Claims that moved:");
            foreach (var m in d.ClaimsMoved) Line($"  {m.Claim.Id} ({DigestWording.Plural(m.Stories, "story", "stories")}): {SafeText.Shorten(m.Claim.Text, 100)}");
        }
        Line(DigestWording.FeedsLine(d));

        foreach (var topic in d.Topics)
        {
            Line();
            Line($"== {SafeText.OneLine(topic.Topic.Name)} ({DigestWording.Plural(topic.Stories, "story", "stories")}) ==");
            foreach (var group in topic.Groups)
            {
                Line();
                Line($"-- {DigestWording.ClaimHeading(group.Claim)}");
                foreach (var s in group.Stories) Story(o, d, s);
            }
            if (topic.Elsewhere.Count > 0)
            {
                Line();
                Line("-- Also about this topic, shown above:");
                foreach (var e in topic.Elsewhere) Line($"  - {SafeText.OneLine(e.Entry.Title)} (under {SafeText.OneLine(e.Home.Name)})");
            }
        }

        if (d.Feeds.Trouble.Count > 0)
        {
            Line();
            Line("== Feeds in trouble ==");
            foreach (var t in d.Feeds.Trouble)
            {
                Line();
                Line($"* {SafeText.OneLine(t.Title ?? t.Url)}");
                if (t.Title is not null) Line($"  {SafeText.OneLine(t.Url)}");
                Line($"  {DigestWording.Trouble(d, t)}");
                if (!string.IsNullOrWhiteSpace(t.LastError)) Line($"  last error: {SafeText.Shorten(t.LastError, 300)}");
            }
        }

        Line();
        Line("--");
        Line($"Sent by Monitor to {d.Recipient.Address}, following {DigestWording.Following(d)}. Times are {d.Zone.Id}.");
        return o.ToString();
    }

    private static void Story(StringBuilder o, DailyDigest d, DigestStory s)
    {
        var e = s.Entry;
        o.Append('\n');
        o.Append("* ").Append(SafeText.OneLine(e.Title.Length > 0 ? e.Title : "(untitled)")).Append('\n');
        if (SafeText.Link(e.Url) is { } url) o.Append("  ").Append(url).Append('\n');
        o.Append("  ").Append(SafeText.OneLine(e.Source)).Append(", ").Append(DigestWording.When(d, e.Published));
        if (Linking.LanguageNames.OfForeign(e.Lang) is { } language) o.Append(", in ").Append(language);
        o.Append('\n');
        var also = e.Sources.Skip(1).Select(SafeText.OneLine).Where(x => x.Length > 0).ToList();
        if (also.Count > 0) o.Append("  also in: ").Append(string.Join(", ", also)).Append('\n');
        if (s.Why.Sentence.Length > 0) o.Append("  \"").Append(SafeText.Shorten(s.Why.Sentence, 300)).Append("\"\n");
        o.Append("  why: ").Append(SafeText.OneLine(DigestWording.Why(s.Why))).Append('\n');
        if (s.OtherClaims.Count > 0) o.Append("  also bears on: ").Append(string.Join(", ", s.OtherClaims.Select(c => c.Id))).Append('\n');
        if (s.AlsoAbout.Count > 0) o.Append("  also about: ").Append(string.Join(", ", s.AlsoAbout.Select(t => SafeText.OneLine(t.Name)))).Append('\n');
        foreach (var r in e.AlsoReported)
            if (SafeText.Link(r.Url) is { } copy) o.Append("  copy: ").Append(SafeText.OneLine(r.Source)).Append(": ").Append(copy).Append('\n');
    }
}
