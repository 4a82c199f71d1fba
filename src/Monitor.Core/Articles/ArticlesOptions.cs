namespace Monitor.Core.Articles;

/// <summary>Bound from the configuration section "Articles" (and MONITOR_ARTICLES).</summary>
public sealed class ArticlesOptions
{
    /// <summary>A folder of claims files (*.yaml) followed besides the seed article; null follows the seed article only.</summary>
    public string? Folder { get; set; }
}
