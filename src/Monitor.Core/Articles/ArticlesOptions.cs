namespace Monitor.Core.Articles;

/// <summary>Bound from the configuration section "Articles" (and MONITOR_ARTICLES).</summary>
public sealed class ArticlesOptions
{
    /// <summary>
    /// A folder of claims files (*.yaml) followed besides the seed article, where `monitor article add` writes;
    /// null means <see cref="DefaultFolder"/>.
    /// </summary>
    public string? Folder { get; set; }

    /// <summary>The per-user folder (e.g. ~/.local/share/monitor/articles), or null where the user has none.</summary>
    public static string? DefaultFolder
    {
        get
        {
            var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return string.IsNullOrEmpty(data) ? null : Path.Combine(data, "monitor", "articles");
        }
    }

    /// <summary>The folder in use: <see cref="Folder"/> when set, else <see cref="DefaultFolder"/>.</summary>
    public string? EffectiveFolder => string.IsNullOrWhiteSpace(Folder) ? DefaultFolder : Folder;
}
