using Monitor.Core.Feeds;

namespace Monitor.Tests.Feeds;

public class HtmlTextTests
{
    [Theory]
    [InlineData("<p>Talks <i>resumed</i>&nbsp;today.</p>", "Talks resumed today.")]
    [InlineData("Line one<br>line two<br/>three<hr>four", "Line one line two three four")]
    [InlineData("<ul><li>One</li><li>Two</li></ul>", "One Two")]
    [InlineData("<script>alert(1)</script><style>p{color:red}</style>Text<!-- hidden -->", "Text")]
    [InlineData("Before <script>never closed", "Before")]
    [InlineData("AT&amp;amp;T", "AT&T")] // escaped twice
    [InlineData("&amp;lt;p&amp;gt;Hello&amp;lt;/p&amp;gt;", "Hello")] // HTML escaped twice
    [InlineData("&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt;&lt;/p&gt;", "Hello world")]
    [InlineData("x &lt; y and y > z", "x < y and y > z")] // comparisons are text, not tags
    [InlineData("History of the &lt;blink&gt; tag", "History of the <blink> tag")] // not an HTML tag we strip
    [InlineData("<![CDATA[Inside]]> outside", "Inside outside")]
    [InlineData("don&#146;t &#147;quote&#148;", "don’t “quote”")] // C1 references mean windows-1252
    [InlineData("Caf&eacute; &mdash; Ереван &#8212; &#x2014;", "Café — Ереван — —")]
    [InlineData("  spaced \t\n out\u00A0\u00A0text\u2028 ", "spaced out text")]
    [InlineData("soft\u00ADhy\uFEFFphen", "softhyphen")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Plain_text(string? html, string expected) => Assert.Equal(expected, HtmlText.ToPlainText(html));

    [Fact]
    public void Long_text_is_cut_at_a_word_with_an_ellipsis()
    {
        var text = HtmlText.ToPlainText("Azerbaijan attacked Armenian territory in September", 25);
        Assert.Equal("Azerbaijan attacked…", text);
    }

    [Fact]
    public void Cutting_never_splits_a_surrogate_pair()
    {
        var text = HtmlText.ToPlainText(string.Concat(Enumerable.Repeat("😀", 10)), 5);
        Assert.True(text.Length <= 6);
        Assert.False(char.IsHighSurrogate(text[^2]) && !char.IsLowSurrogate(text[^1]));
        Assert.EndsWith("…", text);
        Assert.True(text.TrimEnd('…').All(c => char.IsSurrogate(c)) && text.TrimEnd('…').Length % 2 == 0);
    }
}
