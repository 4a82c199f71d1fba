namespace Monitor.Tests.Infrastructure;

/// <summary>Counts the storage requests a client makes (the fault policy's counter), failing none.</summary>
public sealed class StorageRequestCounter : StorageFaultPolicy
{
    protected override void OnRequest(int number) { }
}
