using Monitor.Core.Query;

namespace Monitor.Tests.Query;

public class StoryGroupingTests
{
    private static CoverageEntry Entry(string id, string title, string published, string source = "Wire", string summary = "") =>
        new(id, $"https://{source.Replace(" ", "").ToLowerInvariant()}.example/{id}", title, summary, source,
            DateTimeOffset.Parse(published, System.Globalization.CultureInfo.InvariantCulture), ["border-clashes"], [], 0.5, [], "");

    [Fact]
    public void A_syndicated_story_with_small_edits_is_shown_once_with_its_sources()
    {
        var grouping = new StoryGrouping();
        Assert.True(grouping.Add(Entry("1", "Armenia says four soldiers killed in border shooting with Azerbaijan", "2024-02-13T12:00:00Z", "Reuters")));
        Assert.False(grouping.Add(Entry("2", "Armenia says 4 soldiers killed in border shooting with Azerbaijan", "2024-02-13T10:00:00Z", "Yahoo News")));
        Assert.True(grouping.Add(Entry("3", "EU monitors extend mission in Armenia", "2024-02-12T10:00:00Z")));
        var stories = grouping.Stories;
        Assert.Equal(2, stories.Count);
        Assert.Equal(["Reuters", "Yahoo News"], stories[0].Sources);
        Assert.Equal("https://yahoonews.example/2", Assert.Single(stories[0].AlsoReported).Url);
    }

    [Fact]
    public void Same_lede_under_another_headline_is_the_same_story()
    {
        const string lede = "Azerbaijani forces opened fire on Armenian positions near Nerkin Hand in Syunik province early on Tuesday, killing four servicemen, the Armenian defence ministry said in a statement.";
        var grouping = new StoryGrouping();
        grouping.Add(Entry("1", "Deadly shooting on the border", "2024-02-13T12:00:00Z", "A", lede));
        Assert.False(grouping.Add(Entry("2", "Four Armenian soldiers die", "2024-02-13T11:00:00Z", "B", lede)));
    }

    [Fact]
    public void Similar_headlines_days_apart_or_different_stories_stay_apart()
    {
        var grouping = new StoryGrouping();
        grouping.Add(Entry("1", "Armenia and Azerbaijan hold peace talks in Washington", "2024-05-10T12:00:00Z"));
        Assert.True(grouping.Add(Entry("2", "Armenia and Azerbaijan hold peace talks in Washington", "2024-05-01T12:00:00Z")));
        Assert.True(grouping.Add(Entry("3", "Iran warns Azerbaijan over Zangezur corridor", "2024-05-01T11:00:00Z")));
        Assert.Equal(3, grouping.Count);
    }

    [Fact]
    public void One_item_met_twice_is_one_entry()
    {
        var grouping = new StoryGrouping();
        grouping.Add(Entry("same", "Title one", "2024-05-10T12:00:00Z", "A"));
        Assert.False(grouping.Add(Entry("same", "Title one", "2024-05-09T12:00:00Z", "B")));
        var story = Assert.Single(grouping.Stories);
        Assert.Empty(story.AlsoReported);
        Assert.Equal(["A", "B"], story.Sources);
    }
}
