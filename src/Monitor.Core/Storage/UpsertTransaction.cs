using System.Buffers;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace Monitor.Core.Storage;

/// <summary>
/// One entity-group transaction of upserts, written straight to the wire: the same multipart request the Table SDK
/// sends (docs/performance.md: its transaction path cost 113 µs and 37 KiB per entity, more than fetching, parsing
/// and linking an item together), sent through the table client's own pipeline, so authentication, retries and
/// every added policy are exactly the SDK's. Values are written as the SDK writes them, with the same type
/// annotations, so rows read back the same.
/// </summary>
public static class UpsertTransaction
{
    // The SDK keeps the pipeline it built (credential, retries, policies) private and has no raw send.
    // When a future version renames it, writes go through SubmitTransactionAsync as before (TableBatch).
    private static readonly FieldInfo? PipelineField = typeof(TableClient).GetField("_pipeline", BindingFlags.NonPublic | BindingFlags.Instance);
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private const string ServiceVersion = "2020-12-06";
    /// <summary>The query the SDK puts on each action of a transaction; kept so Azure sees exactly the SDK's requests.</summary>
    private const string Format = "?$format=application%2Fjson%3Bodata%3Dminimalmetadata";

    /// <summary>The pipeline the client sends with, or null where it cannot be reached.</summary>
    public static HttpPipeline? PipelineOf(TableClient table) => PipelineField?.GetValue(table) as HttpPipeline;

    /// <summary>
    /// Sends the upserts as one transaction; false (nothing sent) when the client's pipeline cannot be reached.
    /// The caller keeps Azure's rules (<see cref="TableBatch.Validate"/>). A refused transaction throws
    /// <see cref="RequestFailedException"/> with the service's status, code and message, as the SDK does.
    /// </summary>
    public static async Task<bool> TrySendAsync(TableClient table, IReadOnlyList<TableEntity> entities, bool merge, CancellationToken cancellationToken)
    {
        if (PipelineOf(table) is not { } pipeline) return false;
        var tableUri = table.Uri.AbsoluteUri.TrimEnd('/');
        var account = tableUri[..tableUri.LastIndexOf('/')];
        var batch = Guid.NewGuid().ToString();
        using var body = new PooledBuffer(entities.Count * 1024);
        Write(body, account, table.Name, table.Uri.Host, entities, merge, batch);
        using var message = pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(new Uri(account + "/$batch"));
        request.Headers.SetValue("x-ms-version", ServiceVersion);
        request.Headers.SetValue("DataServiceVersion", "3.0");
        request.Headers.SetValue("Accept", "application/json");
        request.Headers.SetValue("Content-Type", $"multipart/mixed; boundary=batch_{batch}");
        request.Content = RequestContent.Create(body.WrittenMemory);
        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 202) throw new RequestFailedException(response);
        ThrowIfRefused(response.Content.ToString());
        return true;
    }

    /// <summary>The multipart body: one changeset of PATCH (merge) or PUT (replace) requests without If-Match, which is an upsert.</summary>
    private static void Write(IBufferWriter<byte> buffer, string account, string tableName, string host, IReadOnlyList<TableEntity> entities, bool merge, string batch)
    {
        var changeset = Guid.NewGuid().ToString();
        Ascii(buffer, $"--batch_{batch}\r\nContent-Type: multipart/mixed; boundary=changeset_{changeset}\r\n\r\n");
        using var json = new Utf8JsonWriter(buffer, JsonOptions);
        foreach (var entity in entities)
        {
            Ascii(buffer, $"--changeset_{changeset}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n");
            Ascii(buffer, $"{(merge ? "PATCH" : "PUT")} {account}/{tableName}(PartitionKey='{Key(entity.PartitionKey)}',RowKey='{Key(entity.RowKey)}'){Format} HTTP/1.1\r\n");
            Ascii(buffer, $"Host: {host}\r\nx-ms-version: {ServiceVersion}\r\nDataServiceVersion: 3.0\r\nAccept: application/json\r\nContent-Type: application/json\r\n\r\n");
            json.Reset(buffer);
            WriteEntity(json, entity);
            json.Flush();
            Ascii(buffer, "\r\n");
        }
        Ascii(buffer, $"--changeset_{changeset}--\r\n\r\n--batch_{batch}--\r\n");
    }

    /// <summary>Keys in a request path: quotes doubled (OData), then percent-encoded.</summary>
    private static string Key(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private static void Ascii(IBufferWriter<byte> buffer, string text)
    {
        var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        buffer.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    /// <summary>Each property as the SDK writes it: types JSON cannot tell apart carry an "@odata.type" annotation.</summary>
    public static void WriteEntity(Utf8JsonWriter json, TableEntity entity)
    {
        json.WriteStartObject();
        foreach (var (name, value) in entity)
        {
            switch (value)
            {
                case null: json.WriteNull(name); break;
                case string s: json.WriteString(name, s); break;
                case bool b: json.WriteBoolean(name, b); break;
                case int i: json.WriteNumber(name, i); break;
                case long l: Annotated(json, name, l.ToString(CultureInfo.InvariantCulture), "Edm.Int64"); break;
                case double d when double.IsFinite(d): json.WriteNumber(name, d); json.WriteString(name + "@odata.type", "Edm.Double"); break;
                case double d: Annotated(json, name, d.ToString(CultureInfo.InvariantCulture), "Edm.Double"); break;
                case DateTimeOffset t: Annotated(json, name, t.UtcDateTime.ToString("o", CultureInfo.InvariantCulture), "Edm.DateTime"); break;
                case DateTime t: Annotated(json, name, Utc(t).ToString("o", CultureInfo.InvariantCulture), "Edm.DateTime"); break;
                case Guid g: Annotated(json, name, g.ToString(), "Edm.Guid"); break;
                case byte[] bytes: Annotated(json, name, Convert.ToBase64String(bytes), "Edm.Binary"); break;
                case BinaryData data: Annotated(json, name, Convert.ToBase64String(data.ToMemory().Span), "Edm.Binary"); break;
                default: throw new NotSupportedException($"a table property of type {value.GetType().Name} ({name})");
            }
        }
        json.WriteEndObject();
    }

    private static void Annotated(Utf8JsonWriter json, string name, string value, string type)
    {
        json.WriteString(name, value);
        json.WriteString(name + "@odata.type", type);
    }

    private static DateTime Utc(DateTime t) => t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc);

    /// <summary>
    /// A refused changeset answers 202 with one inner response carrying the status and the service's error
    /// ("index:message"); an accepted one answers 204 for every action.
    /// </summary>
    private static void ThrowIfRefused(string body)
    {
        for (var at = body.IndexOf("HTTP/1.1 ", StringComparison.Ordinal); at >= 0; at = body.IndexOf("HTTP/1.1 ", at + 9, StringComparison.Ordinal))
        {
            if (!int.TryParse(body.AsSpan(at + 9, Math.Min(3, body.Length - at - 9)), NumberStyles.None, CultureInfo.InvariantCulture, out var status) || status < 300)
                continue;
            var (code, text) = ErrorOf(body[at..]);
            throw new RequestFailedException(status, text ?? $"the transaction was refused ({status})", code, null);
        }
    }

    private static (string? Code, string? Message) ErrorOf(string part)
    {
        var start = part.IndexOf('{');
        var end = part.LastIndexOf('}');
        if (start < 0 || end <= start) return (null, null);
        try
        {
            using var doc = JsonDocument.Parse(part.AsMemory(start, end - start + 1));
            var error = doc.RootElement.GetProperty("odata.error");
            var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
            var message = error.TryGetProperty("message", out var m) && m.TryGetProperty("value", out var v) ? v.GetString() : null;
            return (code, message);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (null, null);
        }
    }
}
