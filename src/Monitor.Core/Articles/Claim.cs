namespace Monitor.Core.Articles;

/// <summary>A check-worthy assertion of the article, filed under one or more topics.</summary>
public sealed record Claim(string Id, IReadOnlyList<string> TopicIds, string Text, string? Quote, MatchRule Rule);
