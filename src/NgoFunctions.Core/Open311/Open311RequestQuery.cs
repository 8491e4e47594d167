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
        if (!TrackingCode.TryParse(id, out var code) || await store.FindAsync(code.Value.Value, cancellationToken) is not { } r)
        {
            return null;
        }

        var ngos = await NgoNamesAsync(cancellationToken);
        return View(r.PartitionKey, r.Status, r.Sector, r.Governorate, r.District, r.AssignedNgoId, r.SubmittedAt, r.UpdatedAt, SensitiveCases.IsSensitive(r), ngos, language);
    }

    private Open311ServiceRequest View(
        string code, string status, string sector, string governorate, string? district, string? ngoId, DateTimeOffset submitted, DateTimeOffset updated,
        bool sensitive, IReadOnlyDictionary<string, LocalizedName> ngos, Language language)
    {
        var id = TrackingCode.TryParse(code, out var parsed) ? parsed.Value.ToString() : code;
        var notes = $"{status}: {texts.Find($"open311.status.{status}", language) ?? status}";
        if (sensitive)
        {
            // As on the public status page: whoever holds the code learns nothing of what it is about, where, or who helps.
            return new(id, OpenOrClosed(status), notes, null, null, null, null, null, submitted, updated, null, null, null, string.Empty, null, null, null);
        }

        var routed = ngoId is not null && status is not (nameof(RequestStatus.Submitted) or nameof(RequestStatus.Waitlisted) or nameof(RequestStatus.Unroutable));
        var agency = routed ? ngos.GetValueOrDefault(ngoId!)?.In(language) ?? ngoId : null;
        var area = locations.Find(district) ?? locations.Find(governorate);
        var separator = language == Language.En ? ", " : "، ";
        var address = area is null ? null
            : area.Level == AdminLevel.District && locations.Find(area.ParentPCode) is { } parent ? area.Name.In(language) + separator + parent.Name.In(language)
            : area.Name.In(language);
        return new(id, OpenOrClosed(status), notes, sectors.Find(sector)?.Name.In(language), sector, null, agency, null, submitted, updated, null, address, area?.PCode, string.Empty, null, null, null);
    }

    private async Task<IReadOnlyDictionary<string, LocalizedName>> NgoNamesAsync(CancellationToken cancellationToken) =>
        (await directory.GetAllAsync(cancellationToken)).ToDictionary(n => n.Id, n => n.Name, StringComparer.Ordinal);

    private static string OpenOrClosed(string status) => ClosedStatuses.Contains(status, StringComparer.Ordinal) ? "closed" : "open";

    private Outcome<IReadOnlyList<Open311ServiceRequest>> Reject(string field, string key, Language language) =>
        new Outcome<IReadOnlyList<Open311ServiceRequest>>.Rejected(new Dictionary<string, string[]> { [field] = [texts.Get(key, language)] });
}
