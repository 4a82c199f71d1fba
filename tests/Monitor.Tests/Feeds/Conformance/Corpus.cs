using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Feeds.Conformance;

/// <summary>
/// The third-party test corpora. The BSD/MIT ones are copied (with their licences) under Feeds/testdata/corpus,
/// so their tests always run; the copy in ../shared/corpus is the fallback. news-snapshots has no licence and is
/// only ever read in place.
/// </summary>
internal static class Corpus
{
    public static string? Find(string name)
    {
        var copied = RepoPaths.TestData("Feeds", "testdata", "corpus", name);
        if (Directory.Exists(copied)) return copied;
        var shared = RepoPaths.Shared is { } s ? Path.Combine(s, "corpus", name) : null;
        return shared is not null && Directory.Exists(shared) ? shared : null;
    }

    /// <summary>The corpus folder, or the test is skipped with the reason.</summary>
    public static string Require(string name)
    {
        var path = Find(name);
        Skip.If(path is null, $"corpus '{name}' is neither in Feeds/testdata/corpus nor in ../shared/corpus");
        return path!;
    }

    /// <summary>news-snapshots, read in place in ../shared (no licence: never copied).</summary>
    public static string RequireShared(string name)
    {
        var path = RepoPaths.Shared is { } s ? Path.Combine(s, "corpus", name) : null;
        Skip.If(path is null || !Directory.Exists(path), $"../shared/corpus/{name} is absent");
        return path!;
    }
}
