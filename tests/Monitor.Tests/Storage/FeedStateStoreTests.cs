using Monitor.Core.Storage;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Storage;

public class FeedStateTests
{
    [Fact]
    public void Remember_keeps_the_newest_ids_first_and_caps_them()
    {
        var state = new FeedState { Key = "k", Url = "https://a.example/rss" };
        state.Remember(Enumerable.Range(0, FeedState.MaxSeenIds).Select(Id));
        state.Remember([Id(99_999), Id(5)]);
        Assert.Equal(FeedState.MaxSeenIds, state.Seen.Count);
        Assert.Equal(FeedState.SeenKey(Id(99_999)), state.Seen[0]);
        Assert.Equal(FeedState.SeenKey(Id(5)), state.Seen[1]);
        Assert.Equal(state.Seen, FeedState.ReadSeen(state.SeenBytes()));
    }

    internal static string Id(int i) => ((ulong)i).ToString("x16") + new string('0', 16); // the first 16 hex digits are the seen key
}

[Collection(AzuriteCollection.Name)]
public class FeedStateStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task States_round_trip_and_concurrent_saves_keep_both_seen_lists()
    {
        var store = new FeedStateStore(azurite.Tables());
        var first = new FeedState { Key = "feed1", Url = "https://a.example/rss", HttpETag = "\"v1\"", ConsecutiveFailures = 2 };
        first.Remember([FeedStateTests.Id(1)]);
        await store.SaveAsync(first);

        var a = (await store.LoadAllAsync())["feed1"];
        var b = (await store.LoadAllAsync())["feed1"];
        Assert.Equal("\"v1\"", a.HttpETag);
        Assert.Equal(2, a.ConsecutiveFailures);
        a.Remember([FeedStateTests.Id(2)]);
        b.Remember([FeedStateTests.Id(3)]);
        await store.SaveAsync(a);
        await store.SaveAsync(b); // stale ETag: merged, not lost

        var stored = (await store.LoadAllAsync())["feed1"];
        Assert.Equal(
            new[] { 1, 2, 3 }.Select(i => FeedState.SeenKey(FeedStateTests.Id(i))).Order(),
            stored.Seen.Order());
    }
}
