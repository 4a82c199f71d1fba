namespace Monitor.Core.Feeds;

/// <summary>A body that is not a readable feed; the message is the reason recorded on the feed.</summary>
public sealed class FeedFormatException(string message, Exception? inner = null) : Exception(message, inner);
