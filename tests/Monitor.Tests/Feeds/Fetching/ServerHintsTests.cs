using System.Net;
using Monitor.Core.Feeds.Fetching;

namespace Monitor.Tests.Feeds.Fetching;

public sealed class ServerHintsTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    private static HttpResponseMessage Response(params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK);
        foreach (var (name, value) in headers) response.Headers.TryAddWithoutValidation(name, value);
        return response;
    }

    [Theory]
    [InlineData("120", 120)]
    [InlineData("0", null)]
    [InlineData("-5", null)]
    [InlineData("soon", null)]
    [InlineData("99999999999999999999", null)]
    [InlineData("604800", 86400)] // a week is capped at a day
    public void Retry_After_seconds(string value, int? expectedSeconds)
    {
        using var response = Response(("Retry-After", value));
        Assert.Equal(expectedSeconds is { } s ? Now.AddSeconds(s) : null, ServerHints.RetryAfter(response.Headers, Now, Day));
    }

    [Fact]
    public void Retry_After_date_is_measured_against_the_servers_Date_header()
    {
        // The server's clock is an hour behind ours; it wants 90 s by its own clock.
        var serverNow = Now.AddHours(-1);
        using var response = Response(("Date", serverNow.ToString("R")), ("Retry-After", serverNow.AddSeconds(90).ToString("R")));
        Assert.Equal(Now.AddSeconds(90), ServerHints.RetryAfter(response.Headers, Now, Day));
    }

    [Fact]
    public void Retry_After_date_without_a_Date_header_uses_our_clock_and_a_past_date_means_no_wait()
    {
        using var future = Response(("Retry-After", Now.AddMinutes(5).ToString("R")));
        Assert.Equal(Now.AddMinutes(5), ServerHints.RetryAfter(future.Headers, Now, Day));
        using var past = Response(("Retry-After", Now.AddMinutes(-5).ToString("R")));
        Assert.Null(ServerHints.RetryAfter(past.Headers, Now, Day));
    }

    [Theory]
    [InlineData("max-age=600", null, 600)]
    [InlineData("public, max-age=600", "100", 500)]
    [InlineData("max-age=600", "700", null)]
    [InlineData("max-age=0", null, null)]
    [InlineData("no-cache, max-age=600", null, null)]
    [InlineData("no-store", null, null)]
    [InlineData("max-age=31536000", null, 86400)]
    [InlineData("max-age=-1", null, null)]
    [InlineData("max-age=99999999999999999999", null, null)]
    [InlineData("max-age=abc", null, null)]
    public void Cache_control_max_age_less_age(string cacheControl, string? age, int? expectedSeconds)
    {
        using var response = age is null ? Response(("Cache-Control", cacheControl)) : Response(("Cache-Control", cacheControl), ("Age", age));
        Assert.Equal(expectedSeconds is { } s ? Now.AddSeconds(s) : null, ServerHints.Freshness(response.Headers, Now, Day));
    }

    [Fact]
    public void No_header_and_a_zero_cap_give_no_hint()
    {
        using var none = Response();
        Assert.Null(ServerHints.Freshness(none.Headers, Now, Day));
        Assert.Null(ServerHints.RetryAfter(none.Headers, Now, Day));
        using var response = Response(("Retry-After", "120"), ("Cache-Control", "max-age=60"));
        Assert.Null(ServerHints.RetryAfter(response.Headers, Now, TimeSpan.Zero));
        Assert.Null(ServerHints.Freshness(response.Headers, Now, TimeSpan.Zero));
    }
}
