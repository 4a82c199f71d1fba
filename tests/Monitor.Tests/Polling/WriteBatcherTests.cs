using System.Threading.Channels;
using Monitor.Core.Feeds;
using Monitor.Core.Polling;
using Monitor.Core.Storage;

namespace Monitor.Tests.Polling;

public sealed class WriteBatcherTests
{
    private static FeedWork Work(int index, int newItems) =>
        new(index, new FeedState { Key = $"k{index}", Url = $"https://a.example/{index}" }, FeedOutcome.Failed("u", "r"), null)
        {
            Fresh = new FeedItem[newItems], // only counted
        };

    private static async Task<List<List<int>>> BatchesAsync(WriteBatcher batcher, IEnumerable<FeedWork> works)
    {
        var channel = Channel.CreateUnbounded<FeedWork>();
        foreach (var w in works) channel.Writer.TryWrite(w);
        channel.Writer.Complete();
        var batches = new List<List<int>>();
        await batcher.RunAsync(channel.Reader, batch => { batches.Add(batch.Select(w => w.Index).ToList()); return Task.CompletedTask; }, default);
        return batches;
    }

    [Fact]
    public async Task A_batch_closes_at_its_number_of_feeds_and_the_rest_is_stored_at_the_end_in_order()
    {
        var batches = await BatchesAsync(new WriteBatcher(100, 2000, TimeSpan.FromHours(1)), Enumerable.Range(0, 250).Select(i => Work(i, 0)));
        Assert.Equal([100, 100, 50], batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(0, 250), batches.SelectMany(b => b));
    }

    [Fact]
    public async Task A_batch_closes_at_its_number_of_new_items()
    {
        var batches = await BatchesAsync(new WriteBatcher(100, 2000, TimeSpan.FromHours(1)), Enumerable.Range(0, 7).Select(i => Work(i, 700)));
        Assert.Equal([3, 3, 1], batches.Select(b => b.Count));
    }

    [Fact]
    public async Task A_batch_that_is_not_full_is_stored_once_its_first_feed_has_waited()
    {
        var channel = Channel.CreateUnbounded<FeedWork>();
        var stored = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = new WriteBatcher(100, 2000, TimeSpan.FromMilliseconds(50))
            .RunAsync(channel.Reader, batch => { stored.TrySetResult(batch.Count); return Task.CompletedTask; }, default);

        channel.Writer.TryWrite(Work(0, 1));
        Assert.Equal(1, await stored.Task.WaitAsync(TimeSpan.FromSeconds(30))); // the channel is still open
        channel.Writer.Complete();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
