namespace Monitor.Core.Articles;

/// <summary>A subject the article deals with; news items are linked to topics first, then to claims.</summary>
public sealed record Topic(string Id, string Name, string Description, MatchRule Rule);
