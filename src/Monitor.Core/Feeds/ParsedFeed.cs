namespace Monitor.Core.Feeds;

/// <summary>A feed as parsed, before normalisation.</summary>
public sealed record ParsedFeed(string? Title, string? Link, IReadOnlyList<ParsedItem> Items);

/// <summary>An item's fields as the feed gave them (HTML, raw dates, relative links).</summary>
public sealed record ParsedItem(string? Guid, string? Link, string? Title, string? Summary, string? Date, string? Source);
