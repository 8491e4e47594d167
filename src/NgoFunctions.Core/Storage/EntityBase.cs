using Azure;
using Azure.Data.Tables;

namespace NgoFunctions.Core.Storage;

/// <summary>The four system properties every table entity carries.</summary>
public abstract class EntityBase : ITableEntity
{
    /// <inheritdoc />
    public string PartitionKey { get; set; } = string.Empty;

    /// <inheritdoc />
    public string RowKey { get; set; } = string.Empty;

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }
}
