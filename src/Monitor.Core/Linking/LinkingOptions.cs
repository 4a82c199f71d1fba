namespace Monitor.Core.Linking;

/// <summary>
/// Linking thresholds and rules. Bound from the configuration section "Linking". The defaults were chosen
/// by cross-validation over the dev sets (docs/linking.md; `bench cv` reruns it).
/// </summary>
public sealed class LinkingOptions
{
    /// <summary>A topic whose rule holds is linked only when its score reaches this.</summary>
    public double MinTopicScore { get; set; } = 0.3;
    /// <summary>A claim whose rule holds is linked only when its score reaches this.</summary>
    public double MinClaimScore { get; set; } = 0.3;
    /// <summary>Where a claim's rule must hold: anywhere in the item, within one sentence, or in the headline and first sentence.</summary>
    public ClaimScope ClaimScope { get; set; } = ClaimScope.Item;
    /// <summary>
    /// A claim needs one of its own terms (a term of its rule that is in none of its topics' rules), found
    /// anywhere in the item or in the headline and first sentence; off: its rule holding is enough.
    /// </summary>
    public ClaimOwnTerm ClaimOwnTerm { get; set; } = ClaimOwnTerm.Item;
    /// <summary>With <see cref="ClaimOwnTerm"/>: a claim of two or more topics may instead have all of them linked.</summary>
    public bool ClaimTopicsTogether { get; set; } = true;
    /// <summary>What each distinct term of a claim's rule found in the headline adds to the claim's weight (how central the claim is to the item).</summary>
    public double HeadlineWeight { get; set; } = 0;
    /// <summary>At most this many claims per item and article, the best-scoring ones; 0 means no limit.</summary>
    public int MaxClaimsPerItem { get; set; } = 0;
    /// <summary>A term found inside a longer term ("peace" in "Trump Route for International Peace and Prosperity") does not count on its own.</summary>
    public bool LongestMatch { get; set; } = true;
    /// <summary>Match the claims file's non-English spellings (ablation switch; off means English terms only).</summary>
    public bool Spellings { get; set; } = true;
    /// <summary>Stem non-English spellings with their language's analyzer and allow endings; off means exact words.</summary>
    public bool StemSpellings { get; set; } = true;
}

/// <summary>Where a claim's rule must hold for the claim to be linked.</summary>
public enum ClaimScope
{
    /// <summary>Anywhere in the headline and summary, like a topic.</summary>
    Item,
    /// <summary>Within one sentence (the headline is one): the claim's parts must be said together.</summary>
    Sentence,
    /// <summary>Within the headline and the summary's first sentence: the claim is what the item is about.</summary>
    Lead,
}

/// <summary>Whether, and where, a claim needs a term of its own (in none of its topics' rules).</summary>
public enum ClaimOwnTerm
{
    /// <summary>Not needed: the claim's rule holding is enough.</summary>
    Off,
    /// <summary>Anywhere in the headline and summary.</summary>
    Item,
    /// <summary>Within the headline and the summary's first sentence.</summary>
    Lead,
}
