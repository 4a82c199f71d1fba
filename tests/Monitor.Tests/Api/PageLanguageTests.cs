using Microsoft.Extensions.DependencyInjection;
using Monitor.Api.Endpoints;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Api;

/// <summary>The page marks each item with its language, so browsers and screen readers read it right.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PageLanguageTests(AzuriteFixture azurite, StoryFixture story) : IClassFixture<StoryFixture>
{
    [Fact]
    public async Task Each_item_carries_its_language()
    {
        var services = (await story.ReadyAsync(azurite)).Services;
        var page = await ApiHarness.CallAsync(services, "GET", "/api/ui?topic=border-clashes",
            r => services.GetRequiredService<UiEndpoint>().GetAsync(r, CancellationToken.None));
        Assert.Equal(200, page.Status);
        Assert.Contains("<article class=\"item\" lang=\"en\">", page.Body);
        Assert.DoesNotContain("· in English", page.Body);
    }
}
