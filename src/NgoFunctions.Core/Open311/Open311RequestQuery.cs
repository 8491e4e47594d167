using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Outcomes;
using NgoFunctions.Core.ReferenceData;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Open311;

/// <summary>GeoReport v2 <c>GET requests</c> and <c>GET requests/{id}</c>, without personal data
/// (<see cref="Open311ServiceRequest"/>), by id only: a request's id is its tracking code, which is also
/// the key to its status, its confirmation and the erasure of its personal data, so requests are never
/// listed to whoever asks (the spec's <c>service_request_id</c>, optional there, is required here; its
/// other filters would only filter a list of ids, and are not taken). Each id is a point read of the
/// requests. Errors are <see cref="Outcome{T}.Rejected"/> under the parameter's name.</summary>
public sealed class Open311RequestQuery(
    ServiceRequestStore store, NgoDirectory directory, SectorCatalogue sectors, LocationCatalogue locations, Texts texts)
{
    /// <summary>The most ids one <c>service_request_id</c> list may name.</summary>
    public const int MaxIds = 50;

    private static readonly string[] ClosedStatuses = [nameof(RequestStatus.Resolved), nameof(RequestStatus.Closed), nameof(RequestStatus.Cancelled)];

    /// <summary>The requests named by <paramref name="ids"/> (comma-separated tracking codes, at most
    /// <see cref="MaxIds"/>; unknown ones left out), in the order named. Without ids:
    /// <see cref="Outcome{T}.Rejected"/> (<c>open311.error.idsRequired</c>).</summary>
    public async Task<Outcome<IReadOnlyList<Open311ServiceRequest>>> ListAsync(string? ids, Language language, CancellationToken cancellationToken)
    {
        var codes = (ids ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (codes.Length == 0)
        {
            return Reject("service_request_id", "open311.error.idsRequired", language);
        }

        if (codes.Length > MaxIds)
        {
            return Reject("service_request_id", "open311.error.ids", language);
        }

        var found = await Task.WhenAll(codes.Select(c => FindAsync(c, language, cancellationToken)));
        return new Outcome<IReadOnlyList<Open311ServiceRequest>>.Done(found.OfType<Open311ServiceRequest>().DistinctBy(r => r.ServiceRequestId).ToList());
    }

    /// <summary>One request by its tracking code (with or without the dash), or <c>null</c> when the code is
    /// malformed or unknown (the two are not told apart). One point read.</summary>
    public async Task<Open311ServiceRequest?> FindAsync(string? id, Language language, CancellationToken cancellationToken)
    {
        if (!TrackingCode.TryParse(id, out var parsed) || parsed is not { } code || await store.FindAsync(code.Value, cancellationToken) is not { } r)
        {
            return null;
        }

        var display = code.ToString();
        var notes = $"{r.Status}: {texts.Find($"open311.status.{r.Status}", language) ?? r.Status}";
        if (SensitiveCases.IsSensitive(r))
        {
            // As on the public status page: whoever holds the code learns nothing of what it is about, where, or who helps.
            return new(display, OpenOrClosed(r.Status), notes, null, null, null, null, null, r.SubmittedAt, r.UpdatedAt, null, null, null, string.Empty, null, null, null);
        }

        var agency = RequestStatusQuery.ShownNgoId(r) is { } ngoId
            ? (await directory.GetAllAsync(cancellationToken)).FirstOrDefault(n => n.Id == ngoId)?.Name.In(language) ?? ngoId
            : null;
        var area = locations.Find(r.District) ?? locations.Find(r.Governorate);
        var separator = language == Language.En ? ", " : "، ";
        var address = area is null ? null
            : area.Level == AdminLevel.District && locations.Find(area.ParentPCode) is { } parent ? area.Name.In(language) + separator + parent.Name.In(language)
            : area.Name.In(language);
        return new(
            display, OpenOrClosed(r.Status), notes, sectors.Find(r.Sector)?.Name.In(language), r.Sector, null, agency, null, r.SubmittedAt, r.UpdatedAt,
            null, address, area?.PCode, string.Empty, null, null, null);
    }

    private static string OpenOrClosed(string status) => ClosedStatuses.Contains(status, StringComparer.Ordinal) ? "closed" : "open";

    private Outcome<IReadOnlyList<Open311ServiceRequest>> Reject(string field, string key, Language language) =>
        new Outcome<IReadOnlyList<Open311ServiceRequest>>.Rejected(new Dictionary<string, string[]> { [field] = [texts.Get(key, language)] });
}
