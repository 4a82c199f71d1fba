using System.Text;

namespace Monitor.Core.Feeds.Parsing;

/// <summary>Start and end tags: attributes made well-formed, namespaces tracked, unclosed and stray tags fixed.</summary>
internal sealed partial class XmlRepairer
{
    private int StartTag(int i)
    {
        var tag = MarkupTag.ReadStart(_s, i);
        if (tag is null)
        {
            _log.Add("document ends inside a tag");
            return _s.Length;
        }
        if (_rootClosed)
        {
            _log.Add("content after the root element removed");
            return _s.Length;
        }
        if (tag.Malformed) _log.Add("malformed tag repaired");
        if (_open.Count >= MaxDepth)
        {
            // Deeper tags go (their text stays); their end tags are then stray and go too.
            _log.Add($"elements nested deeper than {MaxDepth} levels flattened");
            return tag.End;
        }
        if (++_elements > MaxElements) throw new FeedFormatException($"more than {MaxElements:N0} elements");

        var name = FixName(tag.Name, element: true);
        var (attributes, declared, used) = Attributes(tag);
        if (Prefix(name) is { } elementPrefix) used.Add(elementPrefix);
        if (_root is null && !declared.ContainsKey("")) AdoptRssPrefixAsDefault(declared, attributes);
        name = WithoutCorePrefix(name);

        _out.Append('<').Append(name).Append(attributes);
        if (_open.Count == 1) _rootChildren.Add(LocalName(name));
        if (_root is null)
        {
            _root = name;
            _rootDeclarationsAt = _out.Length;
        }
        _out.Append(tag.SelfClosing ? "/>" : ">");
        _open.Add(name);
        _scopes.Add(declared.Count == 0 ? null : [.. declared.Keys]);
        foreach (var prefix in used)
            if (!InScope(prefix)) _undeclared.Add(prefix);
        if (tag.SelfClosing) Pop();
        return tag.End;
    }

    /// <summary>
    /// The tag's attributes written well-formed (quoted, escaped, no duplicates), the namespaces it declares
    /// (prefix → URI, "" for the default) and the prefixes its attributes use.
    /// </summary>
    private (StringBuilder Text, Dictionary<string, string> Declared, List<string> Used) Attributes(MarkupTag tag)
    {
        var text = new StringBuilder();
        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (rawName, rawValue) in tag.Attributes)
        {
            var attribute = FixName(rawName, element: false);
            if (!seen.Add(attribute))
            {
                _log.Add("duplicate attribute removed");
                continue;
            }
            var value = rawValue ?? attribute;
            if (attribute == "xmlns") declared.TryAdd("", value);
            else if (attribute.StartsWith("xmlns:", StringComparison.Ordinal))
            {
                if (value.Length == 0)
                {
                    _log.Add("empty namespace declaration removed");
                    continue;
                }
                if (KnownNamespaces.FixProtocolRelative(value) is { } absolute)
                {
                    _log.Add("protocol-relative namespace URI made absolute");
                    value = absolute;
                }
                var prefix = attribute["xmlns:".Length..];
                declared.TryAdd(prefix, value);
                _declaredAnywhere.TryAdd(prefix, value);
            }
            else if (Prefix(attribute) is { } attributePrefix) used.Add(attributePrefix);
            text.Append(' ').Append(attribute).Append("=\"");
            AppendAttributeValue(value);
            text.Append(_attributeValue).Append('"');
            _attributeValue.Clear();
        }
        return (text, declared, used);
    }

    /// <summary>
    /// FeedReader finds RSS elements through the default namespace; a feed that binds RSS to a prefix instead
    /// ("&lt;r:channel&gt;") reads the same once that namespace is the default. Valid XML, so not a repair.
    /// </summary>
    private void AdoptRssPrefixAsDefault(Dictionary<string, string> rootDeclarations, StringBuilder attributes)
    {
        var core = rootDeclarations.FirstOrDefault(d => KnownNamespaces.IsRssCore(d.Value));
        if (core.Key is null) return;
        _corePrefix = core.Key;
        attributes.Append(" xmlns=\"").Append(core.Value).Append('"');
    }

    private readonly StringBuilder _attributeValue = new();

    private void AppendAttributeValue(string raw)
    {
        for (var i = 0; i < raw.Length;)
        {
            if (raw[i] == '&')
            {
                i = Reference(raw, i, _attributeValue, attribute: true);
                continue;
            }
            var next = raw.IndexOf('&', i);
            if (next < 0) next = raw.Length;
            AppendText(raw.AsSpan(i, next - i), _attributeValue, attribute: true);
            i = next;
        }
    }

    private int EndTag(int i)
    {
        var end = MarkupTag.ReadEnd(_s, i);
        if (end is null)
        {
            _log.Add("document ends inside an end tag");
            return _s.Length;
        }
        var (name, next) = end.Value;
        name = WithoutCorePrefix(name);
        var k = _open.LastIndexOf(name);
        if (k < 0) k = _open.FindLastIndex(open => open.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (k < 0)
        {
            if (InContent || name.Length > 0) _log.Add("stray end tag removed");
            return next;
        }
        if (k < _open.Count - 1) _log.Add("unclosed element(s) closed");
        while (_open.Count > k) Close();
        return next;
    }

    private void Close()
    {
        _out.Append("</").Append(_open[^1]).Append('>');
        Pop();
    }

    private void Pop()
    {
        _open.RemoveAt(_open.Count - 1);
        _scopes.RemoveAt(_scopes.Count - 1);
        if (_open.Count == 0) _rootClosed = true;
    }

    private bool InScope(string prefix)
    {
        if (prefix is "xml") return true;
        for (var k = _scopes.Count - 1; k >= 0; k--)
            if (_scopes[k]?.Contains(prefix) == true) return true;
        return false;
    }
}
