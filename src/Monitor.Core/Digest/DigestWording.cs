using System.Globalization;

namespace Monitor.Core.Digest;

/// <summary>The sentences the text and HTML parts share, so both say the same thing.</summary>
public static class DigestWording
{
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    public static string Plural(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n.ToString(En)} {many}";

    public static string Day(DateOnly date) => date.ToString("dddd d MMMM yyyy", En);

    public static string When(DailyDigest d, DateTimeOffset time) => d.Local(time).ToString("ddd d MMM, HH:mm", En);

    public static string Date(DailyDigest d, DateTimeOffset time) => d.Local(time).ToString("d MMM yyyy", En);

    /// <summary>The subject: the date and what is in it. Topic names come from a claims file, so it goes through <see cref="SafeText.Header"/>.</summary>
    public static string Subject(DailyDigest d)
    {
        var date = d.Period.Date.ToString("ddd d MMM yyyy", En);
        var what = d.Stories == 0
            ? "nothing new"
            : $"{Plural(d.Stories, "new story", "new stories")}, most on {d.Topics[0].Topic.Name}";
        var trouble = d.Feeds.Trouble.Count > 0 ? $"; {Plural(d.Feeds.Trouble.Count, "feed", "feeds")} in trouble" : "";
        return SafeText.Header($"Monitor digest, {date}: {what}{trouble}");
    }

    /// <summary>The one-line summary at the top.</summary>
    public static string Headline(DailyDigest d) => d.Stories == 0
        ? $"Nothing new since {When(d, d.Period.Start)}: {Plural(d.Feeds.Checked, "feed was", "feeds were")} checked and no new item bears on {Followed(d)}."
        : $"{Plural(d.Stories, "new story", "new stories")} in {Plural(d.Topics.Count, "topic", "topics")} since {When(d, d.Period.Start)}.";

    public static string FeedsLine(DailyDigest d)
    {
        var line = $"Feeds: {d.Feeds.Checked.ToString(En)} of {d.Feeds.Configured.ToString(En)} checked since {When(d, d.Period.Start)}";
        if (d.Feeds.Trouble.Count > 0) return line + $"; {Plural(d.Feeds.Trouble.Count, "feed", "feeds")} in trouble (below).";
        // Failing feeds that worked within the grace are not in trouble yet, but "none in trouble" alone would hide them.
        return d.Feeds.Failing > 0
            ? line + $"; {Plural(d.Feeds.Failing, "feed", "feeds")} failed the last attempt, none in trouble yet."
            : line + "; none in trouble.";
    }

    public static string Followed(DailyDigest d) => d.Recipient.Topics is null
        ? "the followed topics"
        : string.Join(", ", d.Recipient.Topics.Select(id => d.Article.FindTopic(id)?.Name ?? id));

    public static string Following(DailyDigest d) => d.Recipient.Topics is null ? "every topic" : Followed(d);

    public static string Trouble(DailyDigest d, FeedTrouble t)
    {
        var since = t.FailingSince is { } s ? $"failing since {When(d, s)}" : "never fetched successfully";
        var gone = t.Gone ? "gone (HTTP 410), " : "";
        return $"{gone}{since}, {Plural(t.ConsecutiveFailures, "failure", "failures")} in a row";
    }

    public static string Why(DigestEvidence why)
    {
        var terms = why.Terms.Count > 0 ? "matched " + string.Join(", ", why.Terms) : "matched";
        return $"{terms} (score {why.Score.ToString("0.00", En)})";
    }

    public static string ClaimHeading(Articles.Claim? claim) => claim is null ? "Other reports on this topic" : $"{claim.Id}: {SafeText.Shorten(claim.Text, 140)}";
}
