using Monitor.Core.Articles;
using Monitor.Core.Query;
using Monitor.Core.Storage;

namespace Monitor.Core.Digest;

/// <summary>
/// Builds one recipient's digest: the new stories (near-duplicates folded), grouped by topic and then by claim,
/// topics ordered by how many stories touch them, each story shown once under the busiest of its topics.
/// </summary>
public sealed class DigestComposer(DigestCoverage coverage)
{
    /// <summary>
    /// Coverage first seen shortly before the period start is read again, minus what the previous digest
    /// already carried: an item written by a pass that was running when the last digest was made is not lost.
    /// </summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromHours(2);

    public async Task<DailyDigest> ComposeAsync(Recipient recipient, Article article, DigestPeriod period, TimeZoneInfo zone, FeedCheck feeds,
        TimeSpan maxItemAge, IReadOnlySet<ulong> alreadySent, CancellationToken cancellationToken = default)
    {
        var followed = article.Topics.Where(t => recipient.Follows(t.Id)).ToList();
        var news = await coverage.ReadAsync(article, followed.Select(t => t.Id), period.Start - Overlap, period.End,
            period.Start - Overlap - maxItemAge, alreadySent, cancellationToken).ConfigureAwait(false);
        return Compose(recipient, article, period, zone, feeds, news);
    }

    public static DailyDigest Compose(Recipient recipient, Article article, DigestPeriod period, TimeZoneInfo zone, FeedCheck feeds, NewCoverage news)
    {
        var grouping = new StoryGrouping();
        foreach (var entry in news.Entries) grouping.Add(entry);
        var topicOrder = article.Topics.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var claimOrder = article.Claims.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);

        // Each story with the followed topics it is linked to.
        var stories = new List<(CoverageEntry Entry, StoredLinks Links, List<StoredLink> Topics)>();
        foreach (var story in grouping.Stories)
        {
            var links = news.Links[story.ItemId];
            var topics = links.Topics.Where(t => recipient.Follows(t.Id) && topicOrder.ContainsKey(t.Id)).ToList();
            if (topics.Count > 0) stories.Add((story, links, topics));
        }

        var topicCounts = stories.SelectMany(s => s.Topics).GroupBy(t => t.Id).ToDictionary(g => g.Key, g => (Count: g.Count(), Score: g.Sum(t => t.Score)));
        var ordered = topicCounts.Keys
            .OrderByDescending(id => topicCounts[id].Count).ThenByDescending(id => topicCounts[id].Score).ThenBy(id => topicOrder[id])
            .Select(id => article.FindTopic(id)!).ToList();
        var rank = ordered.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i);

        var placed = new Dictionary<string, List<DigestStory>>();
        var elsewhere = new Dictionary<string, List<ShownElsewhere>>();
        foreach (var (entry, links, topics) in stories)
        {
            var home = topics.MinBy(t => rank[t.Id])!;
            var claims = links.Claims.Where(c => article.FindClaim(c.Id) is not null).ToList();
            var own = claims.Where(c => article.FindClaim(c.Id)!.TopicIds.Contains(home.Id)).MaxBy(c => c.Score);
            var why = own ?? home;
            var story = new DigestStory(
                entry,
                new DigestEvidence(why.Score, why.Terms, why.Sentence, why.Signals),
                claims.Where(c => c.Id != own?.Id).OrderBy(c => claimOrder[c.Id]).Select(c => article.FindClaim(c.Id)!).ToList(),
                topics.Where(t => t.Id != home.Id).OrderBy(t => rank[t.Id]).Select(t => article.FindTopic(t.Id)!).ToList());
            var key = home.Id + "|" + (own?.Id ?? "");
            if (!placed.TryGetValue(key, out var list)) placed[key] = list = [];
            list.Add(story);
            foreach (var other in story.AlsoAbout)
            {
                if (!elsewhere.TryGetValue(other.Id, out var shown)) elsewhere[other.Id] = shown = [];
                shown.Add(new ShownElsewhere(entry, article.FindTopic(home.Id)!));
            }
        }

        var sections = ordered.Select(topic =>
        {
            var groups = placed.Where(p => p.Key.StartsWith(topic.Id + "|", StringComparison.Ordinal))
                .Select(p => new DigestClaimGroup(
                    p.Key.Split('|')[1] is { Length: > 0 } claimId ? article.FindClaim(claimId) : null,
                    p.Value.OrderByDescending(s => s.Entry.Published).ToList()))
                .OrderBy(g => g.Claim is null ? 1 : 0).ThenByDescending(g => g.Stories.Count).ThenBy(g => g.Claim is null ? 0 : claimOrder[g.Claim.Id])
                .ToList();
            return new DigestTopic(topic, topicCounts[topic.Id].Count, groups)
            {
                Elsewhere = elsewhere.GetValueOrDefault(topic.Id)?.OrderByDescending(e => e.Entry.Published).ToList() ?? [],
            };
        }).ToList();

        var moved = stories.SelectMany(s => s.Links.Claims.Select(c => c.Id).Distinct())
            .Where(id => article.FindClaim(id) is { } c && c.TopicIds.Any(recipient.Follows))
            .GroupBy(id => id)
            .Select(g => new ClaimMove(article.FindClaim(g.Key)!, g.Count()))
            .OrderByDescending(m => m.Stories).ThenBy(m => claimOrder[m.Claim.Id]).ToList();

        // Every item read was shown, as a story or folded under one: the next digest must not repeat any.
        var ids = news.Entries.Select(e => e.ItemId).ToList();
        return new DailyDigest(recipient, article, period, zone, sections, moved, stories.Count, feeds) { ItemIds = ids };
    }
}
