using System.Net;
using Monitor.Core.Digest;
using System.Text;
using Microsoft.AspNetCore.Http.Extensions;

namespace Monitor.Api.Page;

/// <summary>
/// Writes HTML where every value is encoded on its way in: text and attribute values through
/// <see cref="WebUtility.HtmlEncode"/>, links to the outside only when they are http(s).
/// </summary>
internal sealed class Html
{
    private readonly StringBuilder _out = new(32 * 1024);

    /// <summary>Markup written by this code, never data.</summary>
    public Html Raw(string markup)
    {
        _out.Append(markup);
        return this;
    }

    public Html Text(string? text)
    {
        _out.Append(WebUtility.HtmlEncode(SafeText.WithoutBidiControls(text)));
        return this;
    }

    /// <summary>An element with encoded text content and (encoded) attributes.</summary>
    public Html Element(string tag, string? text, params (string Name, string? Value)[] attributes)
    {
        Open(tag, attributes);
        Text(text);
        return Raw($"</{tag}>");
    }

    public Html Open(string tag, params (string Name, string? Value)[] attributes)
    {
        _out.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is null) continue;
            _out.Append(' ').Append(name).Append("=\"").Append(WebUtility.HtmlEncode(value)).Append('"');
        }
        _out.Append('>');
        return this;
    }

    /// <summary>A link to an original: only http(s) URLs become links (a feed could send javascript: or data:).</summary>
    public Html ExternalLink(string url, string text)
    {
        if (SafeUrl(url) is { } safe) return Element("a", text, ("href", safe), ("rel", "noopener noreferrer nofollow"));
        return Text(text);
    }

    public static string? SafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri.AbsoluteUri : null;

    /// <summary>A link to this page with the given query (values URL-encoded; empty ones left out).</summary>
    public static string Query(params (string Name, string? Value)[] values)
    {
        var query = new QueryBuilder();
        foreach (var (name, value) in values)
            if (!string.IsNullOrEmpty(value)) query.Add(name, value);
        var text = query.ToQueryString().Value;
        return string.IsNullOrEmpty(text) ? "?" : text;
    }

    public override string ToString() => _out.ToString();
}
