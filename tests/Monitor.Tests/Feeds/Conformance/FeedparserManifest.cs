using System.Text.Json;
using System.Text.Json.Nodes;
using Monitor.Core.Feeds;

namespace Monitor.Tests.Feeds.Conformance;

/// <summary>One line of the feedparser corpus's manifest.jsonl: a test file, its tier and its expectations.</summary>
internal sealed record FeedparserCase(string Path, string Tier, JsonArray? Assertions, string? DocumentUri, IReadOnlyList<(string Name, string Value)> Headers)
{
    public const string CoreNeutral = "core-neutral";

    public static IReadOnlyList<FeedparserCase> Load(string corpus) =>
        File.ReadLines(System.IO.Path.Combine(corpus, "manifest.jsonl"))
            .Where(line => line.Length > 0)
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .Select(o => new FeedparserCase(
                (string)o["path"]!, (string)o["tier"]!, o["assertions"] as JsonArray, (string?)o["document_uri"],
                (o["http_headers"] as JsonArray)?.Select(h => ((string)h![0]!, (string)h[1]!)).ToList() ?? []))
            .ToList();

    public string? Header(string name) => Headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>Runs one feedparser case through our parser and checks its assertions; the result says why it failed.</summary>
internal static class FeedparserCheck
{
    public static (bool Passed, string Detail) Run(FeedparserCase test, string corpus)
    {
        var body = File.ReadAllBytes(Path.Combine(corpus, test.Path));
        var contentType = test.Header("Content-type");
        ParsedFeed? parsed = null;
        JsonObject? view = null;
        string? error = null;
        try
        {
            var (p, model) = FeedParser.ParseWithModel(body, contentType);
            parsed = p;
            view = FeedparserView.Build(p, model.SpecificFeed?.Element?.Document?.Root, DocumentBase(test), test.Header("Content-Language"));
        }
        catch (FeedFormatException e)
        {
            error = e.Message;
        }
        var bozo = error is not null || parsed!.Repairs.Count > 0;
        foreach (var assertion in test.Assertions ?? [])
        {
            var a = assertion!.AsObject();
            if (a["bozo"] is { } expectedBozo)
            {
                if ((bool)expectedBozo != bozo)
                    return (false, $"bozo expected {(bool)expectedBozo}, got {bozo}: {error ?? string.Join("; ", parsed!.Repairs)}");
                continue;
            }
            if (view is null) return (false, "threw: " + error);
            var actual = Navigate(view, a["path"]!.AsArray());
            var expected = a["value"];
            var ok = (string)a["op"]! switch
            {
                "==" => Same(expected, actual),
                "!=" => !Same(expected, actual),
                "contains" => Contains(actual, expected),
                "not-contains" => !Contains(actual, expected),
                var op => throw new InvalidOperationException("unknown op " + op),
            };
            if (!ok) return (false, $"{a["path"]!.ToJsonString()} {a["op"]} {expected?.ToJsonString()}, got {actual?.ToJsonString()}");
        }
        return (true, "");
    }

    /// <summary>Where relative links resolve: the Content-Location header if it is a web URL, else the document's URL.</summary>
    private static Uri? DocumentBase(FeedparserCase test)
    {
        Uri? document = test.DocumentUri is null ? null : new Uri(test.DocumentUri);
        if (test.Header("Content-Location") is { } location && document is not null
            && Uri.TryCreate(document, location, out var resolved) && resolved.Scheme is "http" or "https")
            return resolved;
        return document;
    }

    private static JsonNode? Navigate(JsonNode node, JsonArray path)
    {
        JsonNode? current = node;
        foreach (var step in path)
        {
            current = current switch
            {
                JsonObject o when step!.GetValueKind() == JsonValueKind.String => o[(string)step!],
                JsonArray a when step!.GetValueKind() == JsonValueKind.Number && (int)step! < a.Count => a[(int)step!],
                _ => null,
            };
            if (current is null) return null;
        }
        return current;
    }

    private static bool Same(JsonNode? expected, JsonNode? actual) => (expected, actual) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (JsonObject e, JsonObject a) => e.Count == a.Count(p => p.Value is not null) && e.All(p => a.TryGetPropertyValue(p.Key, out var v) && Same(p.Value, v)),
        (JsonArray e, JsonArray a) => e.Count == a.Count && e.Zip(a).All(p => Same(p.First, p.Second)),
        (JsonValue e, JsonValue a) when e.GetValueKind() == JsonValueKind.String && a.GetValueKind() == JsonValueKind.String =>
            (string)e! == (string)a!,
        (JsonValue e, JsonValue a) => e.ToJsonString() == a.ToJsonString(),
        _ => false,
    };

    private static bool Contains(JsonNode? haystack, JsonNode? needle) => haystack switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String && needle?.GetValueKind() == JsonValueKind.String => ((string)v!).Contains((string)needle!),
        JsonArray a => a.Any(x => Same(needle, x)),
        _ => false,
    };
}
