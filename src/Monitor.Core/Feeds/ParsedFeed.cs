namespace Monitor.Core.Feeds;

/// <summary>A feed as parsed, before normalisation.</summary>
public sealed record ParsedFeed(string? Title, string? Link, IReadOnlyList<ParsedItem> Items)
{
    /// <summary>What had to be fixed for the body to parse (a wrong charset, HTML entities, a truncated end...); empty for a clean feed.</summary>
    public IReadOnlyList<string> Repairs { get; init; } = [];

    /// <summary>The encoding the body was read with ("utf-8", "windows-1252", "utf-16le"...); null when not read from bytes.</summary>
    public string? Encoding { get; init; }
}

/// <summary>An item's fields as the feed gave them (HTML, raw dates, relative links).</summary>
public sealed record ParsedItem(string? Guid, string? Link, string? Title, string? Summary, string? Date, string? Source);
