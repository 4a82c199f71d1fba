using System.Reflection;

namespace Monitor.Core.Articles;

/// <summary>The articles Monitor follows: the seed article shipped with it, plus claims files the user adds.</summary>
public sealed class ArticleCatalog
{
    public ArticleCatalog(IReadOnlyList<Article> articles)
    {
        if (articles.Count == 0) throw new ArgumentException("at least one article is needed", nameof(articles));
        var twice = articles.GroupBy(a => a.Id).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new MonitorInputException($"article '{twice.Key}' is defined twice");
        Articles = articles;
    }

    public IReadOnlyList<Article> Articles { get; }

    /// <summary>The article queries use when none is named: the first one.</summary>
    public Article Default => Articles[0];

    public Article Get(string? id) => id is null
        ? Default
        : Articles.FirstOrDefault(a => a.Id == id) ?? throw new MonitorInputException(
            $"unknown article '{id}'; known: {string.Join(", ", Articles.Select(a => a.Id))}");

    /// <summary>The seed article (The Cradle, September 2022) and its claims, embedded in this assembly.</summary>
    public static Article LoadSeed()
    {
        var assembly = typeof(ArticleCatalog).Assembly;
        return ClaimsFile.Parse(ReadResource(assembly, "Seed/claims.yaml"), "seed claims.yaml",
            name => ReadResource(assembly, "Seed/" + name));
    }

    /// <summary>
    /// The seed article, then every *.yaml claims file in <paramref name="folder"/>, or when none is given in
    /// <see cref="ArticlesOptions.DefaultFolder"/>, where `monitor article add` writes by default.
    /// </summary>
    public static ArticleCatalog Load(string? folder)
    {
        if (string.IsNullOrWhiteSpace(folder)) folder = ArticlesOptions.DefaultFolder;
        var articles = new List<Article> { LoadSeed() };
        if (!string.IsNullOrWhiteSpace(folder) && Directory.Exists(folder))
            articles.AddRange(Directory.EnumerateFiles(folder, "*.yaml").Order().Select(ClaimsFile.Load));
        return new ArticleCatalog(articles);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new FileNotFoundException($"embedded resource '{name}' is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
