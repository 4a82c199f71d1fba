using System.Text.Json;
using System.Text.RegularExpressions;

namespace Monitor.Tests.Deployment;

/// <summary>
/// Reading the compiled ARM JSON of infra/main.bicep: the resources of every nested module, and the values of
/// app settings as far as they can be known before deployment (literals, and parameters passed down from
/// main.bicep's defaults or from values the test supplies).
/// </summary>
internal sealed partial class ArmTemplate(JsonElement root)
{
    public static ArmTemplate Main { get; } = new(Bicep.Compiled);

    public JsonElement Root { get; } = root;

    /// <summary>A resource with the template that declares it and the module deployment that holds that template (null at the top).</summary>
    public sealed record Entry(JsonElement Resource, JsonElement Template, JsonElement? Module)
    {
        public string Type => Resource.GetProperty("type").GetString()!;
        public JsonElement Properties => Resource.GetProperty("properties");
    }

    public IEnumerable<Entry> Resources() => ResourcesOf(Root, null);

    public IEnumerable<Entry> OfType(string type) => Resources().Where(e => string.Equals(e.Type, type, StringComparison.OrdinalIgnoreCase));

    public Entry Single(string type)
    {
        var found = OfType(type).ToList();
        Assert.True(found.Count == 1, $"expected one {type}, found {found.Count}");
        return found[0];
    }

    /// <summary>Every template: main and each module's, with their outputs and parameters.</summary>
    public IEnumerable<JsonElement> Templates() => TemplatesOf(Root);

    private static IEnumerable<JsonElement> TemplatesOf(JsonElement template)
    {
        yield return template;
        foreach (var resource in Array(template, "resources"))
            if (IsModule(resource))
                foreach (var inner in TemplatesOf(resource.GetProperty("properties").GetProperty("template")))
                    yield return inner;
    }

    private static IEnumerable<Entry> ResourcesOf(JsonElement template, JsonElement? module)
    {
        foreach (var resource in Array(template, "resources"))
        {
            if (IsModule(resource))
            {
                foreach (var inner in ResourcesOf(resource.GetProperty("properties").GetProperty("template"), resource))
                    yield return inner;
            }
            else
            {
                yield return new Entry(resource, template, module);
            }
        }
    }

    private static bool IsModule(JsonElement resource) =>
        resource.GetProperty("type").GetString() == "Microsoft.Resources/deployments"
        && resource.GetProperty("properties").TryGetProperty("template", out _);

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];

    /// <summary>
    /// The value of a string property of a resource in a module, when it is a literal or a chain of parameters
    /// ending in one of main.bicep's (its default, or <paramref name="mainValues"/>); null for anything computed
    /// at deployment (reference(), format() of them, ...).
    /// </summary>
    public string? Evaluate(JsonElement value, JsonElement? module, IReadOnlyDictionary<string, string>? mainValues = null)
    {
        if (value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False) return value.GetRawText();
        if (value.ValueKind != JsonValueKind.String) return null;
        var text = value.GetString()!;
        if (!text.StartsWith('[')) return text;
        if (text.StartsWith("[[", StringComparison.Ordinal)) return text[1..]; // an escaped literal '['
        var parameter = ParameterExpression().Match(text);
        if (!parameter.Success) return null;
        var name = parameter.Groups[1].Value;
        if (module is { } m)
        {
            // A module's parameter: what main.bicep passes to it.
            if (!m.GetProperty("properties").GetProperty("parameters").TryGetProperty(name, out var passed)) return ModuleDefault(m, name);
            return passed.TryGetProperty("value", out var passedValue) ? Evaluate(passedValue, null, mainValues) : null;
        }
        if (mainValues is not null && mainValues.TryGetValue(name, out var supplied)) return supplied;
        return Root.GetProperty("parameters").TryGetProperty(name, out var declared) && declared.TryGetProperty("defaultValue", out var @default)
            ? Evaluate(@default, null, mainValues)
            : null;
    }

    private string? ModuleDefault(JsonElement module, string name)
    {
        var parameters = module.GetProperty("properties").GetProperty("template").GetProperty("parameters");
        return parameters.TryGetProperty(name, out var declared) && declared.TryGetProperty("defaultValue", out var @default)
            ? Evaluate(@default, null)
            : null;
    }

    /// <summary>The function app's app settings: name, the raw ARM value, and its value when it can be known now.</summary>
    public IReadOnlyList<(string Name, string Raw, string? Value)> AppSettings(IReadOnlyDictionary<string, string>? mainValues = null)
    {
        var site = Single("Microsoft.Web/sites");
        var settings = site.Properties.GetProperty("siteConfig").GetProperty("appSettings");
        Assert.Equal(JsonValueKind.Array, settings.ValueKind); // a literal list, so every name is known before deployment
        return settings.EnumerateArray()
            .Select(s => (s.GetProperty("name").GetString()!, s.GetProperty("value").ToString(), Evaluate(s.GetProperty("value"), site.Module, mainValues)))
            .ToList();
    }

    /// <summary>The expression main.bicep passes to a module parameter (the raw ARM text).</summary>
    public static string PassedToModule(Entry entry, string parameter) =>
        entry.Module!.Value.GetProperty("properties").GetProperty("parameters").GetProperty(parameter).GetProperty("value").ToString();

    [GeneratedRegex(@"^\[parameters\('([A-Za-z0-9_]+)'\)\]$")]
    private static partial Regex ParameterExpression();
}
