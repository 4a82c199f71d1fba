using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Monitor.Core.Articles.Extraction;

/// <summary>
/// Writes a drafted claims file in the format <see cref="ClaimsFile"/> reads (that of Articles/Seed/claims.yaml),
/// with comments that tell the user what to check and how rules work, and the article's text beside it.
/// </summary>
public static partial class ClaimsFileWriter
{
    /// <summary>Writes {id}.yaml and {id}.txt into <paramref name="folder"/>; returns the claims file's path.</summary>
    public static string Write(string folder, ArticleInfo article, ClaimsDraft draft, DateTimeOffset now)
    {
        Directory.CreateDirectory(folder);
        var textName = article.Id + ".txt";
        var path = Path.Combine(folder, article.Id + ".yaml");
        // The text first: a claims file must never point at a text that is not there.
        File.WriteAllText(Path.Combine(folder, textName), article.Text.TrimEnd() + "\n");
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, Render(article, draft, textName, now));
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    public static string Render(ArticleInfo article, ClaimsDraft draft, string textName, DateTimeOffset now)
    {
        var y = new StringBuilder();
        void Line(string s = "") => y.Append(s).Append('\n');

        Line($"# Claims file drafted by `monitor article add` on {now.UtcDateTime:yyyy-MM-dd} from {textName} ({draft.Sentences} sentences).");
        Line($"# {draft.Claims.Count} check-worthy sentences became claims and were grouped into {draft.Topics.Count} topics. It is a draft:");
        Line("#   - claims: delete those that are not worth following, fix `text` (what the claim says; `quote` is the");
        Line("#     article's sentence), add missing ones (ids must stay unique; each needs one topic at least);");
        Line("#   - topics: rename them, merge or split them (a claim lists its topics' ids); change ids before the");
        Line("#     first poll, as stored coverage is filed under them;");
        Line("#   - rules: an item (title + summary, stemmed) is linked to a topic when it holds a term of every `all`");
        Line("#     group and `minAny` of the `any` terms, and no `none` term; claims are tried only under linked");
        Line("#     topics. \"@name\" stands for a term group under `terms:`: add spellings there (\"Tehran\" for Iran).");
        Line("# Items published before `published` are background and never linked. Run `monitor relink` after edits.");
        Line("article:");
        Line($"  id: {Scalar(article.Id)}");
        Line($"  title: {Quoted(article.Title)}");
        if (article.Url is not null) Line($"  url: {Quoted(article.Url)}");
        if (article.Source is not null) Line($"  source: {Quoted(article.Source)}");
        Line($"  published: {Date(article.Published)}");
        Line($"  text: {Scalar(textName)}");
        Line();

        if (draft.Terms.Count > 0)
        {
            Line("# Names found in the article, with the spellings it uses.");
            Line("terms:");
            foreach (var (name, forms) in draft.Terms) Line($"  {Scalar(name)}: {List(forms)}");
            Line();
        }

        Line("topics:");
        foreach (var t in draft.Topics)
        {
            Line($"  - id: {Scalar(t.Id)}");
            Line($"    name: {Quoted(t.Name)}");
            Line($"    description: {Quoted(t.Description)}");
            Line($"    # claims: {string.Join(", ", t.ClaimIds)}");
            Rule(t.Rule, "    ", Line);
            Line();
        }

        Line("claims:");
        foreach (var c in draft.Claims)
        {
            Line($"  - id: {Scalar(c.Id)}");
            Line($"    topics: {List(c.TopicIds)}");
            Line($"    # {c.Why}");
            Line($"    text: {Quoted(c.Text)}");
            Line($"    quote: {Quoted(c.Quote)}");
            Rule(c.Rule, "    ", Line);
            Line();
        }
        return y.ToString();
    }

    private static void Rule(RuleDraft rule, string indent, Action<string> line)
    {
        if (rule.All.Count > 0) line($"{indent}all: [{string.Join(", ", rule.All.Select(List))}]");
        line($"{indent}any: {List(rule.Any)}");
        line($"{indent}minAny: {rule.MinAny.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>Midnight UTC as a plain date (as the seed writes it), any other instant in full.</summary>
    private static string Date(DateTimeOffset d)
    {
        var utc = d.ToUniversalTime();
        return utc.TimeOfDay == TimeSpan.Zero
            ? utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    private static string List(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(Scalar)) + "]";

    /// <summary>A plain scalar when YAML reads it back as the same string, else a double-quoted one.</summary>
    internal static string Scalar(string s) => Plain().IsMatch(s) && !Reserved().IsMatch(s) ? s : Quoted(s);

    internal static string Quoted(string s)
    {
        var b = new StringBuilder("\"");
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                default:
                    if (char.IsControl(c)) b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else b.Append(c);
                    break;
            }
        }
        return b.Append('"').ToString();
    }

    // Letters first; then letters, digits, spaces and . _ - ' (no ": ", " #", flow indicators or a trailing space).
    [GeneratedRegex(@"^[\p{L}][\p{L}\p{N} ._'’-]*(?<! )$")]
    private static partial Regex Plain();

    // Words YAML 1.1 readers take for booleans or null.
    [GeneratedRegex(@"^(y|n|yes|no|true|false|on|off|null|~)$", RegexOptions.IgnoreCase)]
    private static partial Regex Reserved();
}
