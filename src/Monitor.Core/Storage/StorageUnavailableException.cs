namespace Monitor.Core.Storage;

/// <summary>Table Storage could not be reached or refused the credentials; the message says which and where.</summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
