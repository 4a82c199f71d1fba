using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Monitor.Tests.Api;

/// <summary>
/// Reads the API's OpenAPI document and checks real responses against it: the operation, the status code, the
/// media type, and the body against the schema (the JSON Schema keywords the document uses, strictly:
/// additionalProperties false means an undocumented field fails).
/// </summary>
public sealed class OpenApiSpec(JsonElement root)
{
    public JsonElement Root { get; } = root;

    public static OpenApiSpec Parse(string json) => new(JsonDocument.Parse(json).RootElement);

    public IEnumerable<(string Path, string Method)> Operations =>
        Root.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(m => (p.Name, m.Name.ToUpperInvariant())));

    /// <summary>The documented path template a concrete path matches ("/api/claims/C04" → "/api/claims/{id}").</summary>
    public string? TemplateOf(string path)
    {
        var segments = path.Split('/');
        return Root.GetProperty("paths").EnumerateObject().Select(p => p.Name).FirstOrDefault(template =>
        {
            var parts = template.Split('/');
            return parts.Length == segments.Length && parts.Zip(segments).All(x => x.First.StartsWith('{') || x.First == x.Second);
        });
    }

    /// <summary>Every way the response departs from the document; empty when it conforms.</summary>
    public IReadOnlyList<string> Check(string method, string path, ApiResponse response)
    {
        var errors = new List<string>();
        var template = TemplateOf(path);
        if (template is null) return [$"{path} is not documented"];
        if (!Root.GetProperty("paths").GetProperty(template).TryGetProperty(method.ToLowerInvariant(), out var operation))
            return [$"{method} {template} is not documented"];
        var responses = operation.GetProperty("responses");
        if (!responses.TryGetProperty(response.Status.ToString(CultureInfo.InvariantCulture), out var documented) && !responses.TryGetProperty("default", out documented))
            return [$"{method} {template}: status {response.Status} is not documented"];
        documented = Resolve(documented);
        if (!documented.TryGetProperty("content", out var content))
        {
            if (response.Body.Length > 0) errors.Add($"{method} {template} {response.Status}: documented without a body, got one");
            return errors;
        }
        var mediaType = response.ContentType?.Split(';')[0].Trim();
        if (mediaType is null || !content.TryGetProperty(mediaType, out var media))
            return [$"{method} {template} {response.Status}: media type {mediaType} is not documented"];
        if (mediaType.EndsWith("json", StringComparison.Ordinal))
            Validate(media.GetProperty("schema"), response.Json, "$", errors);
        return errors;
    }

    public void Validate(JsonElement schema, JsonElement value, string at, List<string> errors)
    {
        schema = Resolve(schema);
        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray() : [type.GetString()!];
            if (!types.Any(t => IsType(value, t)))
            {
                errors.Add($"{at}: expected {string.Join("|", types)}, got {value.ValueKind}");
                return;
            }
        }
        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => a.GetRawText() == value.GetRawText()))
            errors.Add($"{at}: {value.GetRawText()} is not one of {allowed.GetRawText()}");
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (schema.TryGetProperty("minimum", out var min) && value.GetDouble() < min.GetDouble()) errors.Add($"{at}: {value} < {min}");
            if (schema.TryGetProperty("maximum", out var max) && value.GetDouble() > max.GetDouble()) errors.Add($"{at}: {value} > {max}");
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, pattern.GetString()!)) errors.Add($"{at}: '{text}' does not match {pattern}");
            if (schema.TryGetProperty("format", out var format))
            {
                var ok = format.GetString() switch
                {
                    "date-time" => DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                    "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                    _ => true,
                };
                if (!ok) errors.Add($"{at}: '{text}' is not a {format}");
            }
        }
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var element in value.EnumerateArray()) Validate(items, element, $"{at}[{i++}]", errors);
        }
        if (value.ValueKind != JsonValueKind.Object) return;
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        if (schema.TryGetProperty("required", out var required))
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                if (!value.TryGetProperty(name, out _)) errors.Add($"{at}: required '{name}' is missing");
        foreach (var member in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(member.Name, out var propertySchema))
                Validate(propertySchema, member.Value, $"{at}.{member.Name}", errors);
            else if (schema.TryGetProperty("additionalProperties", out var additional))
            {
                if (additional.ValueKind == JsonValueKind.False) errors.Add($"{at}: '{member.Name}' is not documented");
                else if (additional.ValueKind == JsonValueKind.Object) Validate(additional, member.Value, $"{at}.{member.Name}", errors);
            }
        }
    }

    private JsonElement Resolve(JsonElement element)
    {
        while (element.TryGetProperty("$ref", out var reference))
        {
            var target = Root;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/')) target = target.GetProperty(part);
            element = target;
        }
        return element;
    }

    private static bool IsType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => false,
    };
}
