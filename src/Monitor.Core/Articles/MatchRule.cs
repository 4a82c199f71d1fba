namespace Monitor.Core.Articles;

/// <summary>
/// What an item's text must contain to be linked: a hit in every <see cref="All"/> group, at least
/// <see cref="MinAny"/> distinct <see cref="Any"/> terms, and no <see cref="None"/> term.
/// Terms are words or phrases, matched after stemming.
/// </summary>
public sealed record MatchRule(
    IReadOnlyList<IReadOnlyList<string>> All,
    IReadOnlyList<string> Any,
    int MinAny,
    IReadOnlyList<string> None);
