namespace Monitor.Core.Polling;

/// <summary>How a pass fans out over a Storage queue. Bound from the configuration section "Polling".</summary>
public sealed class PollingOptions
{
    /// <summary>The Functions trigger listens on this queue; the host puts failed messages in "poll-shards-poison".</summary>
    public const string DefaultQueueName = "poll-shards";

    /// <summary>The shard queue (lower-case letters, digits and hyphens); its poison queue is this name + "-poison".</summary>
    public string QueueName { get; set; } = DefaultQueueName;
    /// <summary>Hosts are packed together into a shard until it holds this many feeds.</summary>
    public int ShardFeeds { get; set; } = 50;
    /// <summary>
    /// A host's feeds stay in one shard (so one worker keeps to the per-host limit) up to this many; a bigger host
    /// is split, and gets at most one stream of requests per piece.
    /// </summary>
    public int MaxShardFeeds { get; set; } = 200;
    /// <summary>How long a handed-out feed is not handed out again: longer than a shard takes, shorter than an outage.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>`monitor worker`: a received message stays invisible this long, renewed while its shard runs.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>`monitor worker`: a failed shard is tried again after this long (the host's visibilityTimeout in host.json).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>A message received more often than this goes to the poison queue (the host's maxDequeueCount).</summary>
    public int MaxDequeueCount { get; set; } = 5;
    /// <summary>
    /// `monitor worker`: shards processed at once by one process (the host's batchSize). A shard often holds one
    /// host, held to 2 requests at a time, so a worker needs several shards in flight to keep fetching.
    /// </summary>
    public int WorkerConcurrency { get; set; } = 8;
    /// <summary>`monitor worker`: how long to wait before asking an empty queue again.</summary>
    public TimeSpan IdleDelay { get; set; } = TimeSpan.FromMilliseconds(500);
}
