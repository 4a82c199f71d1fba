namespace Monitor.Core.Linking;

/// <summary>Linking thresholds. Bound from the configuration section "Linking".</summary>
public sealed class LinkingOptions
{
    /// <summary>A topic whose rule holds is linked only when its score reaches this.</summary>
    public double MinTopicScore { get; set; } = 0.3;
    /// <summary>A claim whose rule holds is linked only when its score reaches this.</summary>
    public double MinClaimScore { get; set; } = 0.3;
}
