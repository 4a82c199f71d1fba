using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Monitor.Core.Storage;
using Monitor.Tests.Infrastructure;

namespace Monitor.Tests.Storage;

/// <summary>
/// Upserts written straight to the wire must store what the Table SDK stores: the same values, read back as the same
/// types, the same merge and replace semantics, and a refused transaction reported as the SDK reports it.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class UpsertTransactionTests(AzuriteFixture azurite)
{
    private static TableEntity EveryType(string pk, string rk) => new(pk, rk)
    {
        ["Text"] = "Ереван, Երևան, Bakı, تهران: \"quotes\", \\, <b>&amp;</b>\n\ttab, emoji 🕊",
        ["Flag"] = true,
        ["Count"] = 42,
        ["Big"] = 1L << 40,
        ["Score"] = 1.0,
        ["Fraction"] = 0.123456789,
        ["When"] = new DateTimeOffset(2026, 12, 3, 1, 2, 3, 456, TimeSpan.FromHours(4)).AddTicks(7),
        ["WhenUtc"] = new DateTime(2022, 9, 13, 0, 0, 0, DateTimeKind.Utc),
        ["Id"] = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        ["Bytes"] = new byte[] { 0, 1, 2, 250, 255 },
    };

    private static async Task<TableEntity> ReadAsync(TableClient table, string pk, string rk)
    {
        var row = (await table.GetEntityAsync<TableEntity>(pk, rk)).Value;
        row.Remove("odata.etag");
        row.Remove("Timestamp");
        return row;
    }

    [Fact]
    public async Task The_client_pipeline_is_reached_so_writes_take_the_lean_path()
    {
        var tables = azurite.Tables();
        Assert.NotNull(UpsertTransaction.PipelineOf(tables.Items));
        await tables.EnsureCreatedAsync();
        Assert.True(await UpsertTransaction.TrySendAsync(tables.Items, [new TableEntity("p", "r")], merge: true, CancellationToken.None));
    }

    [Fact]
    public async Task Every_property_type_reads_back_as_the_sdk_stores_it()
    {
        var tables = azurite.Tables();
        await tables.EnsureCreatedAsync();
        await tables.Items.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.UpsertReplace, EveryType("p|1", "by-sdk"))]);
        Assert.True(await UpsertTransaction.TrySendAsync(tables.Items, [EveryType("p|1", "it's lean")], merge: false, CancellationToken.None));

        var sdk = await ReadAsync(tables.Items, "p|1", "by-sdk");
        var lean = await ReadAsync(tables.Items, "p|1", "it's lean");
        Assert.Equal(sdk.Keys.Order(), lean.Keys.Order());
        foreach (var key in sdk.Keys.Where(k => k != "RowKey"))
            Assert.Equal(sdk[key], lean[key]);
        Assert.IsType<long>(lean["Big"]);
        Assert.IsType<DateTimeOffset>(lean["When"]);
        Assert.Equal(EveryType("", "").GetDateTimeOffset("When"), lean.GetDateTimeOffset("When"));
    }

    [Fact]
    public async Task The_request_is_the_sdks_request_apart_from_boundaries_and_json_escaping()
    {
        var capture = new CapturedBatches();
        var options = azurite.Options();
        options.ClientOptions = StorageClients.DefaultTableOptions();
        options.ClientOptions.AddPolicy(capture, HttpPipelinePosition.PerRetry);
        var tables = new MonitorTables(StorageClients.Tables(options), Options.Create(options));
        await tables.EnsureCreatedAsync();
        TableEntity[] Rows() => [EveryType("2026-12|a", "it's one"), new TableEntity("2026-12|a", "two") { ["Title"] = "Ереван" }];

        foreach (var merge in new[] { true, false })
        {
            capture.Bodies.Clear();
            var type = merge ? TableTransactionActionType.UpsertMerge : TableTransactionActionType.UpsertReplace;
            await tables.Items.SubmitTransactionAsync(Rows().Select(e => new TableTransactionAction(type, e)));
            Assert.True(await UpsertTransaction.TrySendAsync(tables.Items, Rows(), merge, CancellationToken.None));
            var (sdk, lean) = (capture.Bodies[0], capture.Bodies[1]);
            Assert.Equal(sdk.Headers, lean.Headers);
            Assert.Equal(Lines(sdk.Body).Where(l => !l.StartsWith('{')), Lines(lean.Body).Where(l => !l.StartsWith('{')));
            Assert.Equal(Lines(sdk.Body).Where(l => l.StartsWith('{')).Select(Json), Lines(lean.Body).Where(l => l.StartsWith('{')).Select(Json));
        }

        static IEnumerable<string> Lines(string body) => Regex.Replace(body, "(batch|changeset)_[0-9a-f-]{36}", "$1_ID").Split("\r\n");
        static string Json(string line) => JsonSerializer.Serialize(JsonDocument.Parse(line).RootElement); // escaping undone
    }

    [Fact]
    public async Task Merge_keeps_properties_the_write_does_not_carry_and_replace_drops_them()
    {
        var tables = azurite.Tables();
        await tables.EnsureCreatedAsync();
        await tables.Items.UpsertEntityAsync(new TableEntity("p", "merged") { ["Src_a"] = "Reuters", ["Title"] = "old" });
        await tables.Items.UpsertEntityAsync(new TableEntity("p", "replaced") { ["Src_a"] = "Reuters", ["Title"] = "old" });

        await UpsertTransaction.TrySendAsync(tables.Items, [new TableEntity("p", "merged") { ["Src_b"] = "AP", ["Title"] = "new" }], merge: true, CancellationToken.None);
        await UpsertTransaction.TrySendAsync(tables.Items, [new TableEntity("p", "replaced") { ["Src_b"] = "AP", ["Title"] = "new" }], merge: false, CancellationToken.None);

        var merged = await ReadAsync(tables.Items, "p", "merged");
        var replaced = await ReadAsync(tables.Items, "p", "replaced");
        Assert.Equal(("Reuters", "AP", "new"), (merged.GetString("Src_a"), merged.GetString("Src_b"), merged.GetString("Title")));
        Assert.Equal((null, "AP", "new"), (replaced.GetString("Src_a"), replaced.GetString("Src_b"), replaced.GetString("Title")));
    }

    [Fact]
    public async Task A_refused_transaction_stores_nothing_and_throws_the_service_status_and_code()
    {
        var tables = azurite.Tables();
        await tables.EnsureCreatedAsync();
        var tooLarge = new TableEntity("p", "big") { ["Text"] = new string('x', 40_000) }; // over 64 KiB as UTF-16
        var e = await Assert.ThrowsAsync<RequestFailedException>(() =>
            UpsertTransaction.TrySendAsync(tables.Items, [new TableEntity("p", "fine"), tooLarge], merge: true, CancellationToken.None));
        Assert.Equal((400, "PropertyValueTooLarge"), (e.Status, e.ErrorCode));
        Assert.StartsWith("1:", e.Message); // the index of the refused action, as Azure puts it
        Assert.False((await tables.Items.GetEntityIfExistsAsync<TableEntity>("p", "fine")).HasValue);
    }

    [Fact]
    public void A_property_type_the_table_service_cannot_hold_is_refused_before_sending()
    {
        using var json = new Utf8JsonWriter(Stream.Null);
        Action write = () => UpsertTransaction.WriteEntity(json, new TableEntity("p", "r") { ["Day"] = new DateOnly(2026, 1, 1) });
        Assert.Contains("DateOnly", Assert.Throws<NotSupportedException>(write).Message);
    }

    /// <summary>Keeps each transaction's headers (those the SDK's request builder sets) and body as sent.</summary>
    private sealed class CapturedBatches : HttpPipelinePolicy
    {
        private static readonly string[] Names = ["x-ms-version", "DataServiceVersion", "Accept"];

        public List<(string Headers, string Body)> Bodies { get; } = [];

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal))
            {
                var headers = string.Join("; ", Names.Select(n => message.Request.Headers.TryGetValue(n, out var v) ? $"{n}={v}" : n));
                Bodies.Add((headers, StorageFaultPolicy.RequestText(message)));
            }
            return ProcessNextAsync(message, pipeline);
        }
    }
}
