using Monitor.Core;
using Monitor.Core.Articles;
using Monitor.Core.Digest;

namespace Monitor.Tests.Digest;

/// <summary>Digest__Recipients: addresses, each with all topics or a chosen subset.</summary>
public class RecipientTests
{
    private static readonly Article Seed = ArticleCatalog.LoadSeed();

    [Fact]
    public void Recipients_follow_every_topic_or_the_ones_they_name()
    {
        var list = Recipient.ParseList(" ana@example.org , ben@example.org:border-clashes+zangezur-corridor,", Seed);
        Assert.Equal(2, list.Count);
        Assert.Equal("ana@example.org", list[0].Address);
        Assert.Null(list[0].Topics);
        Assert.True(list[0].Follows("iran-caucasus"));
        Assert.Equal(["border-clashes", "zangezur-corridor"], list[1].Topics);
        Assert.False(list[1].Follows("iran-caucasus"));
        Assert.Empty(Recipient.ParseList("", Seed));
        Assert.Empty(Recipient.ParseList(null, Seed));
    }

    [Theory]
    [InlineData("ana@example.org:border-clash", "unknown topic 'border-clash'")]
    [InlineData("ana@example.org:", "names no topic")]
    [InlineData("not-an-address", "is not an e-mail address")]
    [InlineData("Ana <ana@example.org>", "is not an e-mail address")]
    [InlineData("ana@example.org, ANA@example.org", "listed twice")]
    [InlineData("ana@example.org\r\nBcc: eve@example.org", "is not an e-mail address")]
    public void Mistakes_are_input_errors(string text, string message) =>
        Assert.Contains(message, Assert.Throws<MonitorInputException>(() => Recipient.ParseList(text, Seed)).Message);
}
