using Microsoft.Extensions.Options;

namespace Monitor.Core.Articles.Extraction;

/// <summary>A followed article as listed: where its claims file is (null for the seed, built in).</summary>
public sealed record FollowedArticle(Article Article, string? File);

/// <summary>
/// The articles folder (MONITOR_ARTICLES, else the per-user default) that the poller reads claims files from
/// and `monitor article add` writes them to. Ids are unique among all followed articles, the seed's included.
/// </summary>
public sealed class ArticleFolder(IOptions<ArticlesOptions> options, TimeProvider time)
{
    public string Path => options.Value.EffectiveFolder
        ?? throw new MonitorInputException("no articles folder: this user has no local data folder; set Articles:Folder");

    /// <summary>The seed article, then the claims files of the folder, as the poller loads them.</summary>
    public IReadOnlyList<FollowedArticle> List()
    {
        var followed = new List<FollowedArticle> { new(ArticleCatalog.LoadSeed(), null) };
        if (Directory.Exists(Path))
            followed.AddRange(Directory.EnumerateFiles(Path, "*.yaml").Order(StringComparer.Ordinal).Select(f => new FollowedArticle(ClaimsFile.Load(f), f)));
        return followed;
    }

    /// <summary>
    /// Fails, with what to do instead, when <paramref name="id"/> is taken: by the seed, by another claims file, or
    /// by {id}.yaml itself unless <paramref name="replace"/>.
    /// </summary>
    public void EnsureAvailable(string id, bool replace)
    {
        if (!Slug.IsValidId(id))
            throw new MonitorInputException($"article id '{id}' may hold only letters, digits, '.', '_' and '-' (and start with a letter or digit); give --id");
        if (id == ArticleCatalog.LoadSeed().Id)
            throw new MonitorInputException($"article '{id}' is the seed article; give another --id");
        var own = FileOf(id);
        if (File.Exists(own) && !replace)
            throw new MonitorInputException($"article '{id}' already exists ({own}); add --force to replace it, or give another --id");
        if (!Directory.Exists(Path)) return;
        foreach (var file in Directory.EnumerateFiles(Path, "*.yaml").Where(f => !SamePath(f, own)))
        {
            // A file that does not load is reported by every command that loads the catalog; here it cannot clash.
            Article other;
            try { other = ClaimsFile.Load(file); }
            catch (MonitorInputException) { continue; }
            if (other.Id == id)
                throw new MonitorInputException($"article '{id}' is already defined in {file}; give another --id");
        }
    }

    /// <summary>Writes the claims file and the article's text; returns the claims file's path.</summary>
    public string Write(ArticleInfo article, ClaimsDraft draft, bool replace)
    {
        EnsureAvailable(article.Id, replace);
        return ClaimsFileWriter.Write(Path, article, draft, time.GetUtcNow());
    }

    public string FileOf(string id) => System.IO.Path.Combine(Path, id + ".yaml");

    private static bool SamePath(string a, string b) =>
        string.Equals(System.IO.Path.GetFullPath(a), System.IO.Path.GetFullPath(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
