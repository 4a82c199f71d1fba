using Azure.Data.Tables;

namespace Monitor.Core.Storage;

/// <summary>When the last successful polling pass and the last digest happened, as GET api/health reports them.</summary>
public sealed record HealthMarks(DateTimeOffset? LastPass, DateTimeOffset? LastDigest);

/// <summary>
/// Two rows in the Feeds table (partition "health", rows "pass" and "digest"), each overwritten with the time of
/// the latest success: one point write per pass or digest, and one single-partition query to read both.
/// </summary>
public sealed class HealthStore(MonitorTables tables, TimeProvider time)
{
    private const string Partition = "health";
    private const string Pass = "pass";
    private const string Digest = "digest";

    public Task RecordPassAsync(CancellationToken cancellationToken = default) => RecordAsync(Pass, cancellationToken);

    public Task RecordDigestAsync(CancellationToken cancellationToken = default) => RecordAsync(Digest, cancellationToken);

    public async Task<HealthMarks> ReadAsync(CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        DateTimeOffset? pass = null, digest = null;
        await foreach (var row in tables.Feeds.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, maxPerPage: 10, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey == Pass) pass = row.GetDateTimeOffset("At");
            else if (row.RowKey == Digest) digest = row.GetDateTimeOffset("At");
        }
        return new HealthMarks(pass, digest);
    }

    private async Task RecordAsync(string row, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(Partition, row) { ["At"] = time.GetUtcNow() };
        await tables.Feeds.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }
}
