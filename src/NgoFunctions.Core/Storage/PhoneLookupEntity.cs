using System.Text.Json;

namespace NgoFunctions.Core.Storage;

/// <summary>A phone number's open requests, one per sector (IntakeGuards, PK <c>p-{phone pseudonym}</c>,
/// RK <c>open</c>; see <see cref="Keys"/>). Serves intake's duplicate check and per-phone limit (one
/// point read) and its claim of a new request (one write, if-match the ETag read, or an insert when the
/// phone has no row: two submissions at once cannot both claim). Holds no phone number, only its keyed
/// hash in the key, and tracking codes: an entry whose request is no longer open is stale and dropped
/// by the next write; erasing a request's personal data removes its entry.</summary>
public sealed class PhoneLookupEntity : EntityBase
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The entries as JSON: sector code → <see cref="PhoneClaim"/>.</summary>
    public string Open { get; set; } = "{}";

    /// <summary>The entries, read from <see cref="Open"/>.</summary>
    public Dictionary<string, PhoneClaim> Claims() =>
        JsonSerializer.Deserialize<Dictionary<string, PhoneClaim>>(Open, Json) ?? [];

    /// <summary>Writes <paramref name="claims"/> to <see cref="Open"/>, by sector.</summary>
    public PhoneLookupEntity With(IReadOnlyDictionary<string, PhoneClaim> claims)
    {
        Open = JsonSerializer.Serialize(new SortedDictionary<string, PhoneClaim>(claims.ToDictionary(), StringComparer.Ordinal), Json);
        return this;
    }
}

/// <summary>One entry of <see cref="PhoneLookupEntity"/>.</summary>
/// <param name="Code">The request's tracking code (canonical form).</param>
/// <param name="At">When it was claimed (UTC): before the request is stored, so a claim whose request is
/// not there yet is young while its intake is still storing it, and stale once that would have failed.</param>
public sealed record PhoneClaim(string Code, DateTimeOffset At);
