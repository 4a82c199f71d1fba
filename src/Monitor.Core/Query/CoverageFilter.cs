using Azure.Data.Tables;
using Monitor.Core.Storage;

namespace Monitor.Core.Query;

/// <summary>
/// The storage filter of a coverage read: one partition and a row-key range. Values go through the SDK's
/// escaping (<see cref="TableClient.CreateQueryFilter(FormattableString)"/>), never into the text by hand.
/// </summary>
public static class CoverageFilter
{
    public static string Of(string partition, DateTimeOffset? since, DateTimeOffset? until) => (since, until) switch
    {
        // Row keys are inverted times, newest first: "published at or after since" is "key up to since's key
        // (plus any item id)", and "published before until" is "key past until's key (and every item id)".
        ({ } s, { } u) => TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {CoverageStore.TimeKey(u) + "|~"} and RowKey lt {CoverageStore.TimeKey(s) + "|~"}"),
        ({ } s, null) => TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {CoverageStore.TimeKey(s) + "|~"}"),
        (null, { } u) => TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {CoverageStore.TimeKey(u) + "|~"}"),
        _ => TableClient.CreateQueryFilter($"PartitionKey eq {partition}"),
    };
}
