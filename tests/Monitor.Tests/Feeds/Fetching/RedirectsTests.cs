using System.Net;
using Monitor.Core.Feeds.Fetching;

namespace Monitor.Tests.Feeds.Fetching;

public sealed class RedirectsTests
{
    private static Uri? Next(string current, string? location, out string? refusal, int status = 302)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        if (location is not null) response.Headers.TryAddWithoutValidation("Location", location);
        return Redirects.Next(new Uri(current), response, out refusal);
    }

    [Theory]
    [InlineData("http://a.example/feeds/x.xml", "y.xml", "http://a.example/feeds/y.xml")]
    [InlineData("http://a.example/feeds/x.xml", "/rss", "http://a.example/rss")]
    [InlineData("http://a.example/feeds/x.xml", "//b.example/rss", "http://b.example/rss")]
    [InlineData("https://a.example/x", "https://b.example/y?q=1", "https://b.example/y?q=1")]
    [InlineData("http://a.example/x", "https://b.example/y", "https://b.example/y")]
    public void Locations_are_resolved_against_the_current_url(string current, string location, string expected)
    {
        Assert.Equal(new Uri(expected), Next(current, location, out var refusal));
        Assert.Null(refusal);
    }

    [Theory]
    [InlineData("https://a.example/x", "http://a.example/x", "HTTP 302 redirect from https to http refused: http://a.example/x")]
    [InlineData("http://a.example/x", "ftp://a.example/x", "HTTP 302 redirect to a non-http(s) URL refused: ftp://a.example/x")]
    [InlineData("http://a.example/x", "data:text/plain,hi", "HTTP 302 redirect to a non-http(s) URL refused: data:text/plain,hi")]
    [InlineData("http://a.example/x", null, "HTTP 302 redirect without a usable Location header")]
    public void Unusable_locations_are_refused_with_the_reason(string current, string? location, string reason)
    {
        Assert.Null(Next(current, location, out var refusal));
        Assert.Equal(reason, refusal);
    }

    [Theory]
    [InlineData(301, true)]
    [InlineData(302, true)]
    [InlineData(303, true)]
    [InlineData(307, true)]
    [InlineData(308, true)]
    [InlineData(300, false)]
    [InlineData(304, false)]
    [InlineData(305, false)]
    public void Only_the_five_redirect_statuses_are_followed(int status, bool followed) =>
        Assert.Equal(followed, Redirects.IsRedirect((HttpStatusCode)status));
}
