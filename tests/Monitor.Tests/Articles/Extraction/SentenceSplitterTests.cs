using Monitor.Core.Articles.Extraction;

namespace Monitor.Tests.Articles.Extraction;

public class SentenceSplitterTests
{
    private static List<string> Split(string text) => SentenceSplitter.Split(text).Select(s => s.Text).ToList();

    [Fact]
    public void Titles_initials_months_and_acronyms_do_not_end_a_sentence()
    {
        Assert.Equal(
            [
                "Mr. Smith met Dr. Jones in Sept. 2022 at the U.S. embassy.",
                "J. R. Tolkien was not there.",
                "Growth was 3.5 per cent, the U.S.",
                "The rest followed.",
            ],
            Split("Mr. Smith met Dr. Jones in Sept. 2022 at the U.S. embassy. J. R. Tolkien was not there. Growth was 3.5 per cent, the U.S. The rest followed."));
    }

    [Fact]
    public void Closing_quotes_stay_with_their_sentence_and_opening_quotes_start_the_next()
    {
        Assert.Equal(
            ["He vowed to “suppress any provocations.”", "Three days later, the attack came.", "\"It is over,\" she said.", "“Really?” he asked."],
            Split("He vowed to “suppress any provocations.” Three days later, the attack came. \"It is over,\" she said. “Really?” he asked."));
    }

    [Fact]
    public void Lines_are_paragraphs_and_a_line_without_closing_punctuation_is_a_heading()
    {
        var sentences = SentenceSplitter.Split("Geopolitical shifts\nFirst one. Second one!\n\nThird one?\n");
        Assert.Equal(["Geopolitical shifts", "First one.", "Second one!", "Third one?"], sentences.Select(s => s.Text));
        Assert.Equal([true, false, false, false], sentences.Select(s => s.IsHeading));
        Assert.Equal([0, 1, 1, 2], sentences.Select(s => s.Paragraph));
        Assert.Equal([0, 1, 2, 3], sentences.Select(s => s.Index));
    }

    [Fact]
    public void Offsets_point_at_the_sentence_in_the_text()
    {
        const string text = "  One sentence here.   Another one there.\nLast.";
        foreach (var s in SentenceSplitter.Split(text)) Assert.Equal(s.Text, text.Substring(s.Start, s.Text.Length));
    }
}
