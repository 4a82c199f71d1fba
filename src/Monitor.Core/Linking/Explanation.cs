namespace Monitor.Core.Linking;

/// <summary>
/// Why an item is or is not linked to each topic and claim of an article: what `monitor explain` prints.
/// Built by <see cref="ClaimMatcher.Explain"/> from the same rules and thresholds as <see cref="ClaimMatcher.Match"/>.
/// </summary>
public sealed record Explanation(
    string ArticleId, string Title, string Lang, bool Background,
    IReadOnlyList<FoundTerm> Terms, IReadOnlyList<RuleExplanation> Topics, IReadOnlyList<RuleExplanation> Claims);

/// <summary>A term of the claims file found in the item: as the claims file writes it, its language, and the item's own words.</summary>
public sealed record FoundTerm(string Term, string Lang, string Text);

/// <summary>One topic's or claim's verdict: linked or not, its score against the threshold, each part of its rule, and why.</summary>
public sealed record RuleExplanation(string Id, bool Linked, double? Score, double Threshold, IReadOnlyList<RulePart> Parts, string Why);

/// <summary>
/// One part of a rule ("all 1", "any", "none", "topic", "scope", "score"): whether it held, the terms found
/// for it, and what it needs.
/// </summary>
public sealed record RulePart(string Name, bool Held, IReadOnlyList<string> Found, string Needs);
