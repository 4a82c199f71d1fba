using Microsoft.Extensions.Options;
using Monitor.Core.Storage;

namespace Monitor.Tests.Infrastructure;

/// <summary>
/// Azurite for a test collection, started once. Each test takes its own table prefix, so tests never see
/// each other's rows.
/// </summary>
public sealed class AzuriteFixture : IDisposable
{
    private readonly AzuriteProcess _azurite = new(RepoPaths.Root);
    private int _prefixes;

    public int Port => _azurite.Port;

    public string ConnectionString => _azurite.ConnectionString;

    /// <summary>A table prefix no other test uses (table names: letters and digits only).</summary>
    public string NewPrefix() => $"t{Interlocked.Increment(ref _prefixes)}x{Environment.ProcessId}";

    public StorageOptions Options(string? prefix = null) => new() { ConnectionString = ConnectionString, TablePrefix = prefix ?? NewPrefix() };

    public MonitorTables Tables(string? prefix = null)
    {
        var options = Options(prefix);
        return new(StorageClients.Tables(options), Microsoft.Extensions.Options.Options.Create(options));
    }

    public void Dispose() => _azurite.Dispose();

    public static int FreePort() => AzuriteProcess.FreePort();
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
