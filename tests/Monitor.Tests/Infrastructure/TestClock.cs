namespace Monitor.Tests.Infrastructure;

/// <summary>A clock the test moves by hand, for schedules and backoff.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
