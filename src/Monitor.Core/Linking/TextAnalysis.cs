using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Monitor.Core.Linking;

/// <summary>A stemmed token and where it stands in the original text.</summary>
public readonly record struct Token(string Term, int Start, int End);

/// <summary>
/// Lucene's English analysis (lower-casing, stop words, possessives, Porter stemming), applied alike to
/// item texts and to the terms of the claims file so that inflections match.
/// </summary>
public sealed class TextAnalysis : IDisposable
{
    private readonly Analyzer _analyzer = new EnglishAnalyzer(LuceneVersion.LUCENE_48);

    public IReadOnlyList<Token> Tokenise(string text)
    {
        var tokens = new List<Token>(text.Length / 6 + 4); // about one token per six characters of news text
        using var stream = _analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) tokens.Add(new Token(term.ToString(), offset.StartOffset, offset.EndOffset));
        stream.End();
        return tokens;
    }

    public string[] Stems(string text) => Tokenise(text).Select(t => t.Term).ToArray();

    public void Dispose() => _analyzer.Dispose();
}
