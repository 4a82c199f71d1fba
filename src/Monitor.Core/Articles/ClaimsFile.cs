using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Monitor.Core.Articles;

/// <summary>
/// Reads a claims file: the article, named term groups, topics and claims with their match rules
/// (see Articles/Seed/claims.yaml for the format). Every mistake is reported as a <see cref="MonitorInputException"/>.
/// </summary>
public static partial class ClaimsFile
{
    public static Article Load(string path)
    {
        string yaml;
        try { yaml = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MonitorInputException($"cannot read claims file '{path}': {e.Message}", e);
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return Parse(yaml, path, name => File.ReadAllText(Path.Combine(folder, name)));
    }

    /// <param name="readSibling">Reads a file named in the claims file (the article text), relative to it.</param>
    public static Article Parse(string yaml, string origin, Func<string, string> readSibling)
    {
        Document doc;
        try
        {
            doc = new DeserializerBuilder()
                .WithNamingConvention(CamelCaseNamingConvention.Instance)
                .Build()
                .Deserialize<Document>(yaml) ?? throw new MonitorInputException($"{origin}: the claims file is empty");
        }
        catch (YamlException e)
        {
            var detail = e.InnerException?.Message ?? e.Message;
            throw new MonitorInputException($"{origin}: line {e.Start.Line}: {detail}", e);
        }
        return Build(doc, origin, readSibling);
    }

    private static Article Build(Document doc, string origin, Func<string, string> readSibling)
    {
        var a = doc.Article ?? throw Invalid(origin, "missing 'article'");
        if (string.IsNullOrWhiteSpace(a.Id)) throw Invalid(origin, "article.id is missing");
        CheckId(a.Id, "article", origin);
        if (!DateTimeOffset.TryParse(a.Published, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var published))
            throw Invalid(origin, $"article.published '{a.Published}' is not a date");

        var terms = doc.Terms ?? new Dictionary<string, List<string>>();
        var spellings = Spellings(doc.Spellings, terms, origin);
        MatchRule Rule(RuleDoc r, string owner) => new(
            (r.All ?? []).Select(g => (IReadOnlyList<string>)Expand(g, terms, spellings, origin, owner)).ToList(),
            Expand(r.Any ?? [], terms, spellings, origin, owner),
            r.MinAny ?? 1,
            Expand(r.None ?? [], terms, spellings, origin, owner));

        var topics = new List<Topic>();
        foreach (var t in doc.Topics ?? [])
        {
            if (string.IsNullOrWhiteSpace(t.Id)) throw Invalid(origin, "a topic has no id");
            CheckId(t.Id, "topic", origin);
            if (topics.Any(x => x.Id == t.Id)) throw Invalid(origin, $"topic '{t.Id}' is defined twice");
            topics.Add(new Topic(t.Id, t.Name ?? t.Id, t.Description ?? "", Rule(t, t.Id)));
        }
        var claims = new List<Claim>();
        foreach (var c in doc.Claims ?? [])
        {
            if (string.IsNullOrWhiteSpace(c.Id)) throw Invalid(origin, "a claim has no id");
            CheckId(c.Id, "claim", origin);
            if (claims.Any(x => x.Id == c.Id)) throw Invalid(origin, $"claim '{c.Id}' is defined twice");
            if (c.Topics is null || c.Topics.Count == 0) throw Invalid(origin, $"claim '{c.Id}' names no topic");
            foreach (var tid in c.Topics.Where(tid => topics.All(t => t.Id != tid)))
                throw Invalid(origin, $"claim '{c.Id}' names unknown topic '{tid}'");
            claims.Add(new Claim(c.Id, c.Topics, c.Text ?? "", c.Quote, Rule(c, c.Id)));
        }
        if (topics.Count == 0) throw Invalid(origin, "no topics");

        string text = "";
        if (!string.IsNullOrWhiteSpace(a.Text))
        {
            try { text = readSibling(a.Text); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Invalid(origin, $"cannot read article text '{a.Text}': {e.Message}");
            }
        }
        return new Article
        {
            Id = a.Id, Title = a.Title ?? a.Id, Url = a.Url, Source = a.Source,
            Published = published, Text = text, Topics = topics, Claims = claims,
        };
    }

    private static List<string> Expand(List<string> raw, Dictionary<string, List<string>> terms,
        Dictionary<string, List<string>> spellings, string origin, string owner)
    {
        var result = new List<string>();
        foreach (var term in raw)
        {
            if (term.StartsWith('@'))
            {
                if (!terms.TryGetValue(term[1..], out var group))
                    throw Invalid(origin, $"'{owner}' uses undefined term group '{term}'");
                result.AddRange(group);
            }
            else if (!string.IsNullOrWhiteSpace(term)) result.Add(term);
            else continue;
            if (spellings.TryGetValue(term, out var other)) result.AddRange(other);
        }
        return result;
    }

    /// <summary>
    /// The `spellings` section: for a term group ("@armenia") or a single term ("peace treaty"), its spellings
    /// by language. Each becomes a tagged term ("ru:Армения") wherever the group or term is used.
    /// </summary>
    private static Dictionary<string, List<string>> Spellings(Dictionary<string, Dictionary<string, List<string>>>? raw,
        Dictionary<string, List<string>> terms, string origin)
    {
        var result = new Dictionary<string, List<string>>();
        foreach (var (key, byLanguage) in raw ?? [])
        {
            if (key.StartsWith('@') && !terms.ContainsKey(key[1..]))
                throw Invalid(origin, $"spellings of undefined term group '{key}'");
            var list = new List<string>();
            foreach (var (lang, words) in byLanguage ?? [])
            {
                if (!Linking.TermTag.IsLanguage(lang) || lang == Linking.TermTag.English)
                    throw Invalid(origin, $"spellings of '{key}': '{lang}' is not a language code other than en (ISO 639-1, e.g. ru, hy, az)");
                list.AddRange((words ?? []).Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => $"{lang}:{w.Trim()}"));
            }
            result[key] = list;
        }
        return result;
    }

    /// <summary>Ids end up in table keys and URLs: letters, digits, '.', '_' and '-' only.</summary>
    private static void CheckId(string id, string what, string origin)
    {
        if (!SafeId().IsMatch(id))
            throw Invalid(origin, $"{what} id '{id}' may hold only letters, digits, '.', '_' and '-' (and start with a letter or digit)");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial System.Text.RegularExpressions.Regex SafeId();

    private static MonitorInputException Invalid(string origin, string what) => new($"{origin}: {what}");

    // The file's shape; YamlDotNet rejects keys that are not here, which catches typos in rule names.
    private sealed class Document
    {
        public ArticleDoc? Article { get; set; }
        public Dictionary<string, List<string>>? Terms { get; set; }
        public Dictionary<string, Dictionary<string, List<string>>>? Spellings { get; set; }
        public List<TopicDoc>? Topics { get; set; }
        public List<ClaimDoc>? Claims { get; set; }
    }

    private sealed class ArticleDoc
    {
        public string? Id { get; set; }
        public string? Title { get; set; }
        public string? Url { get; set; }
        public string? Source { get; set; }
        public string? Published { get; set; }
        public string? Text { get; set; }
    }

    private class RuleDoc
    {
        public List<List<string>>? All { get; set; }
        public List<string>? Any { get; set; }
        public int? MinAny { get; set; }
        public List<string>? None { get; set; }
    }

    private sealed class TopicDoc : RuleDoc
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? Description { get; set; }
    }

    private sealed class ClaimDoc : RuleDoc
    {
        public string? Id { get; set; }
        public List<string>? Topics { get; set; }
        public string? Text { get; set; }
        public string? Quote { get; set; }
    }
}
