// Hand-written: no library turns almost-XML into XML: XmlReader and FeedReader stop at the first error, and HTML parsers (AngleSharp) read it by HTML's rules (<link> is empty, CDATA a comment).
using System.Text;

namespace Monitor.Core.Feeds.Parsing;

/// <summary>The repaired document, its root element's name, and what was repaired (empty when nothing was).</summary>
internal sealed record RepairedXml(string Xml, string RootName, IReadOnlyList<string> Repairs, IReadOnlySet<string> RootChildren);

/// <summary>
/// Rewrites almost-XML into XML that a strict parser accepts, in one pass: junk or a comment before the XML
/// declaration, HTML entities, bare ampersands and '&lt;', forbidden characters, unquoted or duplicate attributes,
/// undeclared prefixes, unclosed or stray tags, a truncated end. The DOCTYPE is dropped and its internal entities
/// expanded here (see <see cref="DoctypeEntities"/>), so the parser never resolves anything. A well-formed
/// document comes out equivalent and with no repair listed.
/// </summary>
internal sealed partial class XmlRepairer
{
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    /// <summary>Deepest nesting kept (deeper tags are dropped, their text kept): news feeds nest under 20, XHTML content included; the XML parser's cost grows with depth.</summary>
    public const int MaxDepth = 256;
    /// <summary>Most elements accepted: 100,000 items of 9 elements; bounds the parsed document's memory (about 100 bytes an element).</summary>
    public const int MaxElements = 1_000_000;

    private readonly string _s;
    private readonly StringBuilder _out;
    private readonly RepairLog _log = new();
    private readonly DoctypeEntities _entities = new();
    private readonly List<string> _open = [];
    private readonly List<HashSet<string>?> _scopes = [];
    private readonly Dictionary<string, string> _declaredAnywhere = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _undeclared = new(StringComparer.Ordinal);
    private readonly HashSet<string> _rootChildren = new(StringComparer.Ordinal);
    private string? _root;
    private string? _corePrefix;
    private int _rootDeclarationsAt = -1;
    private bool _rootClosed;
    private int _elements;

    private XmlRepairer(string text)
    {
        _s = text;
        _out = new StringBuilder(text.Length + 256);
    }

    /// <exception cref="FeedFormatException">There is no element at all, or the DOCTYPE's entities are abusive.</exception>
    public static RepairedXml Repair(string text) => new XmlRepairer(text).Run();

    private bool InContent => _open.Count > 0;

    private RepairedXml Run()
    {
        var i = 0;
        while (i < _s.Length)
        {
            ParseBudget.Check();
            i = _s[i] switch
            {
                '<' => Markup(i),
                '&' when InContent => Reference(_s, i, _out, attribute: false),
                _ => Text(i),
            };
        }
        if (_root is null) throw new FeedFormatException("no XML element found: the body is not XML");
        if (_open.Count > 0)
        {
            _log.Add($"document ends early: {_open.Count} unclosed element(s) closed");
            while (_open.Count > 0) Close();
        }
        if (_undeclared.Count > 0)
        {
            var declarations = new StringBuilder();
            foreach (var prefix in _undeclared)
                declarations.Append(" xmlns:").Append(prefix).Append("=\"")
                    .Append(_declaredAnywhere.GetValueOrDefault(prefix) ?? KnownNamespaces.For(prefix)).Append('"');
            _out.Insert(_rootDeclarationsAt, declarations);
            _log.Add("undeclared namespace prefix(es) declared: " + string.Join(", ", _undeclared));
        }
        return new RepairedXml(Declaration + _out, _root, _log.Entries, _rootChildren);
    }

    private int Text(int i)
    {
        var next = _s.IndexOfAny(['<', '&'], i + 1);
        if (next < 0) next = _s.Length;
        var run = _s.AsSpan(i, next - i);
        if (InContent) AppendText(run, _out, attribute: false);
        else if (!run.IsWhiteSpace())
            _log.Add(_root is null ? "text before the root element removed" : "text after the root element removed");
        return next;
    }

    private int Markup(int i)
    {
        var rest = _s.AsSpan(i);
        if (rest.StartsWith("<!--")) return Skip(i, "-->", "unterminated comment removed"); // comments carry nothing we use
        if (rest.StartsWith("<![CDATA[")) return CData(i);
        if (rest.StartsWith("<?")) return ProcessingInstruction(i);
        if (rest.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase)) return Doctype(i);
        if (rest.StartsWith("<!")) return Skip(i, ">", "unknown markup declaration removed", logEvenIfClosed: true);
        if (rest.StartsWith("</")) return EndTag(i);
        if (rest.Length > 1 && MarkupTag.StartsName(rest[1])) return StartTag(i);
        if (InContent)
        {
            _out.Append("&lt;");
            _log.Add("stray '<' escaped");
        }
        return i + 1;
    }

    /// <summary>Drops markup up to <paramref name="terminator"/>, or to the end (with <paramref name="repair"/> logged) when it never comes.</summary>
    private int Skip(int i, string terminator, string repair, bool logEvenIfClosed = false)
    {
        var end = _s.IndexOf(terminator, i + 2, StringComparison.Ordinal);
        if (end < 0 || logEvenIfClosed) _log.Add(repair);
        return end < 0 ? _s.Length : end + terminator.Length;
    }

    private int CData(int i)
    {
        var start = i + "<![CDATA[".Length;
        var end = _s.IndexOf("]]>", start, StringComparison.Ordinal);
        if (end < 0) _log.Add("unterminated CDATA section closed");
        var stop = end < 0 ? _s.Length : end;
        if (InContent)
        {
            _out.Append("<![CDATA[");
            AppendValid(_s.AsSpan(start, stop - start), _out);
            _out.Append("]]>");
        }
        else _log.Add(_root is null ? "text before the root element removed" : "text after the root element removed");
        return end < 0 ? _s.Length : end + 3;
    }

    private int ProcessingInstruction(int i)
    {
        var isDeclaration = _s.AsSpan(i + 2).StartsWith("xml", StringComparison.OrdinalIgnoreCase)
                            && i + 5 < _s.Length && (char.IsWhiteSpace(_s[i + 5]) || _s[i + 5] == '?');
        // We write our own declaration (the text is re-encoded as UTF-8); one not first in the body is an error.
        if (isDeclaration && (i > 0 || _root is not null)) _log.Add("XML declaration not at the start of the body");
        return Skip(i, "?>", "unterminated processing instruction removed");
    }

    private int Doctype(int i)
    {
        var p = i + "<!DOCTYPE".Length;
        int subsetStart = -1, subsetEnd = -1;
        char quote = '\0';
        for (; p < _s.Length; p++)
        {
            var c = _s[p];
            if (quote != '\0') { if (c == quote) quote = '\0'; }
            else if (c == '<' && subsetStart >= 0 && _s.AsSpan(p).StartsWith("<!--"))
            {
                // a comment in the internal subset may hold quotes or brackets ("don't", "[draft]")
                var close = _s.IndexOf("-->", p + 4, StringComparison.Ordinal);
                p = close < 0 ? _s.Length : close + 2;
            }
            else if (c is '"' or '\'') quote = c;
            else if (c == '[' && subsetStart < 0) subsetStart = p + 1;
            else if (c == ']' && subsetStart >= 0 && subsetEnd < 0) subsetEnd = p;
            else if (c == '>' && (subsetStart < 0 || subsetEnd >= 0)) break;
        }
        if (p >= _s.Length)
        {
            _log.Add("unterminated DOCTYPE removed");
            return _s.Length;
        }
        if (_root is not null) _log.Add("DOCTYPE inside the document removed");
        else if (subsetStart >= 0) _entities.Declare(_s[subsetStart..subsetEnd]);
        return p + 1;
    }

    /// <summary>Names with misplaced colons ("a:b:c", ":x", "xmlns:" on an element) lose them; XML namespaces forbid them.</summary>
    private string FixName(string name, bool element)
    {
        var colons = name.Count(c => c == ':');
        if (colons == 0 || (colons == 1 && name[0] != ':' && name[^1] != ':' && !(element && name.StartsWith("xmlns:", StringComparison.Ordinal))))
            return name;
        _log.Add("name with misplaced ':' renamed");
        var fixedName = name.Replace(':', '_');
        return MarkupTag.StartsName(fixedName[0]) ? fixedName : "_" + fixedName;
    }

    private string WithoutCorePrefix(string name) => _corePrefix is not null && Prefix(name) == _corePrefix ? LocalName(name) : name;

    public static string LocalName(string name) => name[(name.IndexOf(':') + 1)..];

    private static string? Prefix(string name)
    {
        var colon = name.IndexOf(':');
        return colon > 0 ? name[..colon] : null;
    }
}
