using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Monitor.Bench;

/// <summary>Samples allocations by type (the runtime's AllocationTick, one event per ~100 KB allocated).</summary>
public sealed class AllocationSampler : EventListener
{
    private readonly ConcurrentDictionary<string, long> _byType = new();
    private volatile bool _on = true;

    public void Stop() => _on = false;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_on || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null) return;
        var i = e.PayloadNames!.IndexOf("TypeName");
        var size = e.PayloadNames.IndexOf("AllocationAmount64");
        if (i < 0) return;
        var bytes = size >= 0 ? Convert.ToInt64(e.Payload[size]) : 100_000;
        _byType.AddOrUpdate((string)e.Payload[i]!, bytes, (_, v) => v + bytes);
    }

    public void Print(int top)
    {
        foreach (var (type, bytes) in _byType.OrderByDescending(p => p.Value).Take(top)) Console.WriteLine($"{bytes / 1048576.0,8:0.0} MiB  {type}");
    }
}
