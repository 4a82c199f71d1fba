namespace Monitor.Core.Articles.Extraction;

/// <summary>A match rule as written in the claims file: terms may name a term group ("@iran").</summary>
public sealed record RuleDraft(IReadOnlyList<IReadOnlyList<string>> All, IReadOnlyList<string> Any, int MinAny);

/// <summary>A generated topic: the claims grouped under it and the terms they share most.</summary>
public sealed record TopicDraft(string Id, string Name, string Description, RuleDraft Rule, IReadOnlyList<string> ClaimIds);

/// <summary>A generated claim: the sentence it comes from and why it was judged check-worthy.</summary>
public sealed record ClaimDraft(string Id, IReadOnlyList<string> TopicIds, string Text, string Quote, RuleDraft Rule, string Why);

/// <summary>What extraction makes of an article's text: term groups, topics and claims, ready to be written.</summary>
public sealed record ClaimsDraft(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Terms,
    IReadOnlyList<TopicDraft> Topics,
    IReadOnlyList<ClaimDraft> Claims,
    int Sentences);

/// <summary>The article being added: what the user or the page says about it, and its text.</summary>
public sealed record ArticleInfo(string Id, string Title, DateTimeOffset Published, string Text, string? Url = null, string? Source = null);
