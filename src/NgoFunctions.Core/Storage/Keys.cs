namespace NgoFunctions.Core.Storage;

/// <summary>Every PartitionKey and RowKey is built here, so the key design can be read in one place.</summary>
/// <remarks>
/// ServiceRequests: PK = tracking code (canonical form). RK <c>request</c>, <c>event-0001</c>..,
/// <c>assignment-01</c>.., <c>notification-0001</c>.... One partition query gives a request's whole story (status page); the request and its
/// first event, or a status change with its event and assignment, are one entity-group transaction.
/// Ngos: PK <c>ngo</c>, RK = NGO id. NgoCases: PK = NGO id, RK <c>load</c> (open-case counter, the
/// capacity gate) and <c>case-{tracking code}</c> (the NGO's cases), so reserving capacity and
/// recording the case is one transaction. A case leaves the open range for <c>closed-{tracking code}</c>
/// when it is resolved, cancelled or closed (one transaction with the counter), so the open range stays
/// as small as the NGO's capacity: the SLA sweep reads only that range of each NGO, and the NGO's list
/// reads <c>[case-, closed.)</c>, both ranges in one query.
/// NgoApiKeys: PK = NGO id, RK = key id: checking a presented key is one point read, an NGO's keys one partition.
/// RequestIndex (the ministry's index, PK = submission day): RK = tracking code (index rows), then the
/// day's aggregate rows (<c>~agg|..</c>), then one "awaiting routing" marker per request still
/// <c>Submitted</c>, <c>~routing|{submission ticks, 19 digits}|{tracking code}</c>: written and deleted in
/// the index row's own transaction, ordered by submission time, so the stale-request sweep reads the
/// markers older than its bound with one range query and never the index rows around them. Beside
/// them, one "personal data to erase" marker per request in a final status whose personal data is
/// still kept, <c>~erase|{tracking code}</c>, kept the same way, for the retention sweep.
/// IntakeGuards: one row per phone number, PK <c>p-{phone pseudonym}</c>, RK <c>open</c>, naming the
/// phone's open request of each sector (a duplicate is found, and the phone's open requests counted, with
/// one point read, and claimed with one ETag-checked write); one row per client address, PK
/// <c>a-{address pseudonym}</c>, RK <c>window</c>, holding the times of its recent submissions. Never a
/// phone number or an address in a key: keyed hashes (<see cref="Intake.IntakePseudonyms"/>).
/// Waitlist: one row per request that waits (Waitlisted or Unroutable), PK <c>{sector}|{governorate}</c>,
/// RK <c>{urgency rank}{vulnerability rank}|{submission ticks, 19 digits}|{tracking code}</c>
/// (<see cref="WaitlistRow"/>), so one range query of a partition returns its requests in the order they
/// are to be served: emergency before urgent before normal, then more vulnerability flags first, then
/// the oldest first. An NGO that gains a place reads the partitions of its sectors and governorates.
/// NgoWebhooks: PK = NGO id, RK <c>registration</c> (the NGO's webhook: one point read) and
/// <c>delivery|{tracking code}|{event sequence}</c> (what became of each event sent: a case's records
/// are one range query, the NGO's parked ones one partition query).
/// </remarks>
public static class Keys
{
    /// <summary>RowKey of the request entity in its partition.</summary>
    public const string RequestRow = "request";

    /// <summary>RowKey prefix of request events.</summary>
    public const string EventPrefix = "event-";

    /// <summary>RowKey prefix of assignments.</summary>
    public const string AssignmentPrefix = "assignment-";

    /// <summary>RowKey prefix of notification records.</summary>
    public const string NotificationPrefix = "notification-";


    /// <summary>PartitionKey of every NGO in the registry table.</summary>
    public const string NgoPartition = "ngo";

    /// <summary>RowKey of an NGO's open-case counter in NgoCases.</summary>
    public const string NgoLoadRow = "load";

    /// <summary>RowKey prefix of an NGO's cases in NgoCases.</summary>
    public const string NgoCasePrefix = "case-";

    /// <summary>RowKey prefix of an NGO's resolved, cancelled or closed cases in NgoCases.</summary>
    public const string NgoClosedCasePrefix = "closed-";

    /// <summary>Exclusive upper bound of the open case range <c>[case-, case.)</c>.</summary>
    public const string NgoOpenCasesEnd = "case.";

    /// <summary>Exclusive upper bound of the closed case range <c>[closed-, closed.)</c>; also the end of
    /// every case of an NGO, <c>[case-, closed.)</c> (nothing else in the partition sorts between).</summary>
    public const string NgoClosedCasesEnd = "closed.";

    /// <summary>First characters of every routing marker's RowKey in RequestIndex (sorts after the
    /// aggregate rows' <c>~agg</c>, so the index and aggregate queries, bounded above, never read one).</summary>
    public const string RoutingMarkerPrefix = "~routing|";

    /// <summary>The RowKey just above every routing marker (<c>}</c> follows <c>|</c>).</summary>
    public const string RoutingMarkersEnd = "~routing}";

    /// <summary>RowKey of the routing marker of a request submitted at <paramref name="submittedAt"/>
    /// (ordered by that instant: UTC ticks, 19 digits). With an empty <paramref name="trackingCode"/>,
    /// the exclusive upper bound of the markers of requests submitted before <paramref name="submittedAt"/>.</summary>
    public static string RoutingMarkerRow(DateTimeOffset submittedAt, string trackingCode) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{RoutingMarkerPrefix}{submittedAt.UtcTicks:D19}|{trackingCode}");

    /// <summary>First characters of every erasure marker's RowKey in RequestIndex (between the aggregate
    /// rows' <c>~agg</c> and the routing markers' <c>~routing</c>, read by neither's range).</summary>
    public const string ErasureMarkerPrefix = "~erase|";

    /// <summary>The RowKey just above every erasure marker.</summary>
    public const string ErasureMarkersEnd = "~erase}";

    /// <summary>RowKey of the erasure marker of the request <paramref name="trackingCode"/>.</summary>
    public static string ErasureMarkerRow(string trackingCode) => ErasureMarkerPrefix + trackingCode;

    /// <summary>PartitionKey of the waitlist of one sector in one governorate.</summary>
    public static string WaitlistPartition(string sector, string governorate) => $"{sector}|{governorate}";

    /// <summary>RowKey of a waiting request in its waitlist partition: ordered by urgency (<c>0</c>
    /// emergency, <c>1</c> urgent, <c>2</c> normal), then by vulnerability flags (<c>9</c> minus their
    /// number, so more flags come first), then by submission time (UTC ticks, 19 digits), then by code.</summary>
    /// <param name="urgency">The request's <see cref="Domain.Urgency"/> name; anything else ranks as normal.</param>
    /// <param name="vulnerabilityCount">How many vulnerability flags the citizen declared (0..9 counted).</param>
    /// <param name="submittedAt">When the request was stored.</param>
    /// <param name="trackingCode">Canonical tracking code.</param>
    public static string WaitlistRow(string urgency, int vulnerabilityCount, DateTimeOffset submittedAt, string trackingCode)
    {
        var urgencyRank = urgency switch
        {
            nameof(Domain.Urgency.Emergency) => 0,
            nameof(Domain.Urgency.Urgent) => 1,
            _ => 2,
        };
        var vulnerabilityRank = 9 - Math.Clamp(vulnerabilityCount, 0, 9);
        return string.Create(
            System.Globalization.CultureInfo.InvariantCulture, $"{urgencyRank}{vulnerabilityRank}|{submittedAt.UtcTicks:D19}|{trackingCode}");
    }

    /// <summary>The RowKey just above every waiting emergency request of a partition (their keys start with <c>0</c>).</summary>
    public const string WaitlistEmergencyEnd = "1";

    /// <summary>PartitionKey of a phone number's lookup row in IntakeGuards.</summary>
    public static string PhoneLookupPartition(string phonePseudonym) => "p-" + phonePseudonym;

    /// <summary>RowKey of a phone number's lookup row.</summary>
    public const string PhoneLookupRow = "open";

    /// <summary>PartitionKey of a client address's window row in IntakeGuards.</summary>
    public static string AddressWindowPartition(string addressPseudonym) => "a-" + addressPseudonym;

    /// <summary>The first PartitionKey of the address window rows.</summary>
    public const string AddressWindowsStart = "a-";

    /// <summary>The PartitionKey just above every address window row (<c>.</c> follows <c>-</c>).</summary>
    public const string AddressWindowsEnd = "a.";

    /// <summary>RowKey of a client address's window row.</summary>
    public const string AddressWindowRow = "window";

    /// <summary>RowKey of event number <paramref name="sequence"/> (1-based), sortable.</summary>
    public static string EventRow(int sequence) => $"{EventPrefix}{sequence:D4}";

    /// <summary>RowKey of assignment attempt <paramref name="attempt"/> (1-based), sortable.</summary>
    public static string AssignmentRow(int attempt) => $"{AssignmentPrefix}{attempt:D2}";

    /// <summary>RowKey of the notification record for event <paramref name="eventSequence"/>.</summary>
    public static string NotificationRow(int eventSequence) => $"{NotificationPrefix}{eventSequence:D4}";

    /// <summary>RowKey of the case row for a request in its NGO's partition.</summary>
    public static string NgoCaseRow(string trackingCode) => NgoCasePrefix + trackingCode;

    /// <summary>RowKey of a closed case row (resolved, cancelled, closed) in its NGO's partition.</summary>
    public static string NgoClosedCaseRow(string trackingCode) => NgoClosedCasePrefix + trackingCode;

    /// <summary>RowKey of an NGO's webhook registration in its NgoWebhooks partition.</summary>
    public const string WebhookRegistrationRow = "registration";

    /// <summary>The prefix of the delivery records in an NGO's NgoWebhooks partition.</summary>
    public const string WebhookDeliveryPrefix = "delivery|";

    /// <summary>RowKey of the delivery record of event <paramref name="eventSequence"/> of a request, in
    /// the NGO's NgoWebhooks partition; sortable by event within a case.</summary>
    public static string WebhookDeliveryRow(string trackingCode, int eventSequence) => $"{WebhookDeliveryCase(trackingCode)}{eventSequence:D4}";

    /// <summary>The RowKey prefix shared by the delivery records of one request.</summary>
    public static string WebhookDeliveryCase(string trackingCode) => $"{WebhookDeliveryPrefix}{trackingCode}|";
}
