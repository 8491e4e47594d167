namespace NgoFunctions.Core.Storage;

/// <summary>A registered NGO (Ngos, PK <c>ngo</c>, RK = NGO id). Serves point reads by id and the
/// registry listing (one partition).</summary>
public sealed class NgoEntity : EntityBase
{
    /// <summary>Arabic name.</summary>
    public string NameAr { get; set; } = string.Empty;

    /// <summary>English name.</summary>
    public string NameEn { get; set; } = string.Empty;

    /// <summary>Sector codes, comma-separated.</summary>
    public string Sectors { get; set; } = string.Empty;

    /// <summary>Coverage P-codes (any level, or <c>SY</c>), comma-separated.</summary>
    public string Coverage { get; set; } = string.Empty;

    /// <summary>Open cases it can hold.</summary>
    public int Capacity { get; set; }

    /// <summary>Whether it receives new cases.</summary>
    public bool Active { get; set; }

    /// <summary>Whether it receives sensitive requests (<see cref="Domain.SensitiveCases"/>); <c>false</c>
    /// for NGOs stored before the field existed.</summary>
    public bool HandlesSensitive { get; set; }

    /// <summary>First registration (UTC).</summary>
    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>Last change (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Whether the NGO has a webhook (its registration is in NgoWebhooks): written by
    /// <see cref="Webhooks.NgoWebhooks"/> and kept by registry updates, so whether a change of a case is
    /// to be sent is known from the registry the router holds in memory, without a storage call of its own.</summary>
    public bool HasWebhook { get; set; }
}
