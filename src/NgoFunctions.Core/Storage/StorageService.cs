namespace NgoFunctions.Core.Storage;

/// <summary>The storage service a client talks to.</summary>
public enum StorageService
{
    /// <summary>Azure Table Storage.</summary>
    Table,

    /// <summary>Azure Queue Storage.</summary>
    Queue,
}
