namespace Pipeline.Core.Feeds;

/// <summary>A response the feed's parser cannot read: changed columns, bad JSON, a value of the wrong type.</summary>
public sealed class FeedFormatException(string message, Exception? inner = null) : Exception(message, inner);
