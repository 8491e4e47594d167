using System.Globalization;
using Azure.Data.Tables;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Ministry;
using NgoFunctions.Core.Outcomes;
using NgoFunctions.Core.ReferenceData;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Open311;

/// <summary>GeoReport v2 <c>GET requests</c> and <c>GET requests/{id}</c>, without personal data
/// (<see cref="Open311ServiceRequest"/>). A list reads the ministry's monitoring index (RequestIndex, PK =
/// submission day, no personal data): one range query over the days of the window, never a scan of the
/// requests; sensitive requests are left out of lists. A list of ids, and one id, are point reads of the
/// requests. Errors are <see cref="Outcome{T}.Rejected"/> under the parameter's name, or
/// <see cref="Outcome{T}.NotFound"/>.</summary>
public sealed class Open311RequestQuery(
    StorageTables tables, ServiceRequestStore store, NgoDirectory directory, SectorCatalogue sectors, LocationCatalogue locations, Texts texts, TimeProvider clock)
{
    /// <summary>The longest window, and the default one ending now (the spec's 90 days).</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(90);

    /// <summary>The most requests one list answers, the newest first (the spec lets a server limit it).</summary>
    public const int MaxResults = 1000;

    /// <summary>The most ids one <c>service_request_id</c> list may name.</summary>
    public const int MaxIds = 50;

    private static readonly string[] ClosedStatuses = [nameof(RequestStatus.Resolved), nameof(RequestStatus.Closed), nameof(RequestStatus.Cancelled)];

    /// <summary>The requests matching the spec's filters, as typed: <paramref name="ids"/> (comma-separated
    /// tracking codes; when given, the other filters are ignored, as the spec says), <paramref name="serviceCodes"/>
    /// (comma-separated), <paramref name="status"/> (<c>open</c>/<c>closed</c>), <paramref name="startDate"/> and
    /// <paramref name="endDate"/> (ISO 8601; at most <see cref="MaxWindow"/> apart; by default the last 90 days).
    /// Newest first, at most <see cref="MaxResults"/>.</summary>
    public async Task<Outcome<IReadOnlyList<Open311ServiceRequest>>> ListAsync(
        string? ids, string? serviceCodes, string? status, string? startDate, string? endDate, Language language, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(ids))
        {
            var codes = ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (codes.Length > MaxIds)
            {
                return Reject("service_request_id", "open311.error.ids", language);
            }

            var found = await Task.WhenAll(codes.Select(c => FindAsync(c, language, cancellationToken)));
            return Done(found.OfType<Open311ServiceRequest>().DistinctBy(r => r.ServiceRequestId).ToList());
        }

        if (status is { Length: > 0 } && status is not ("open" or "closed"))
        {
            return Reject("status", "open311.error.status", language);
        }

        var now = clock.GetUtcNow();
        if (!TryDate(startDate, out var start) || !TryDate(endDate, out var end))
        {
            return Reject("start_date", "open311.error.dates", language);
        }

        (start, end) = (start, end) switch
        {
            (null, null) => (now - MaxWindow, now),
            ({ } s, null) => (s, Min(s + MaxWindow, now)),
            (null, { } e) => (e - MaxWindow, e),
            _ => (start, end),
        };
        if (start > end || end - start > MaxWindow)
        {
            return Reject("start_date", "open311.error.dates", language);
        }

        var wanted = serviceCodes?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {RequestIndexEntity.Day(start!.Value)} and PartitionKey le {RequestIndexEntity.Day(end!.Value)} and RowKey lt {"~"} and SubmittedAt ge {start.Value} and SubmittedAt le {end.Value} and Sensitive eq {false}");
        var ngos = await NgoNamesAsync(cancellationToken);
        var rows = new List<RequestIndexEntity>();
        await foreach (var row in tables.RequestIndex.QueryAsync<RequestIndexEntity>(filter, cancellationToken: cancellationToken))
        {
            if ((wanted is not { Count: > 0 } || wanted.Contains(row.Sector)) && (status is not { Length: > 0 } || OpenOrClosed(row.Status) == status))
            {
                rows.Add(row);
            }
        }

        return Done(rows
            .OrderByDescending(r => r.SubmittedAt)
            .Take(MaxResults)
            .Select(r => View(r.RowKey, r.Status, r.Sector, r.Governorate, r.District, r.AssignedNgoId, r.SubmittedAt, r.UpdatedAt, sensitive: false, ngos, language))
            .ToList());
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

    private static bool TryDate(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        // ISO 8601; without an offset it is read as UTC.
        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static Outcome<IReadOnlyList<Open311ServiceRequest>> Done(IReadOnlyList<Open311ServiceRequest> list) =>
        new Outcome<IReadOnlyList<Open311ServiceRequest>>.Done(list);

    private Outcome<IReadOnlyList<Open311ServiceRequest>> Reject(string field, string key, Language language) =>
        new Outcome<IReadOnlyList<Open311ServiceRequest>>.Rejected(new Dictionary<string, string[]> { [field] = [texts.Get(key, language)] });
}
