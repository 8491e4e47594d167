namespace NgoFunctions.Core.Storage;

/// <summary>Every PartitionKey and RowKey is built here, so the key design can be read in one place.</summary>
/// <remarks>
/// ServiceRequests: PK = tracking code (canonical form). RK <c>request</c>, <c>event-0001</c>..,
/// <c>assignment-01</c>.., <c>notification-0001</c>..., and <c>queued</c> for a request submitted under an
/// idempotency key once it is on the routing queue (a repeat of the submission reads it to know it need not
/// queue it again). One partition query gives a request's whole story (status page); the request and its
/// first event, or a status change with its event and assignment, are one entity-group transaction.
/// Ngos: PK <c>ngo</c>, RK = NGO id. NgoCases: PK = NGO id, RK <c>load</c> (open-case counter, the
/// capacity gate) and <c>case-{tracking code}</c> (the NGO's cases), so reserving capacity and
/// recording the case is one transaction. A case leaves the open range for <c>closed-{tracking code}</c>
/// when it is resolved, cancelled or closed (one transaction with the counter), so the open range stays
/// as small as the NGO's capacity: the SLA sweep reads only that range of each NGO, and the NGO's list
/// reads <c>[case-, closed.)</c>, both ranges in one query.
/// NgoApiKeys: PK = NGO id, RK = key id: checking a presented key is one point read, an NGO's keys one partition.
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

    /// <summary>RowKey of the mark that a request submitted under an idempotency key was queued for routing.</summary>
    public const string QueuedRow = "queued";

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
}
