namespace Monitor.Core.Feeds.Parsing;

/// <summary>The distinct repairs made, in order, capped so a badly broken body cannot flood the log.</summary>
internal sealed class RepairLog
{
    private const int Max = 20;
    private readonly List<string> _entries = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Entries => _entries;

    public void Add(string repair)
    {
        if (_entries.Count < Max && _seen.Add(repair)) _entries.Add(repair);
    }
}
