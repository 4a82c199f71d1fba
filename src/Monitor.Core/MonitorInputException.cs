namespace Monitor.Core;

/// <summary>Input a user can fix (a bad file, an unknown topic, a malformed date); its message is shown as is.</summary>
public sealed class MonitorInputException(string message, Exception? inner = null) : Exception(message, inner);
