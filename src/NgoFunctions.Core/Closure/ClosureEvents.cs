namespace NgoFunctions.Core.Closure;

/// <summary>The events of a resolved request's closure: the types of its status-change events (the
/// request's status is on the event as for any change) and the reason a second dispute flags it.</summary>
public static class ClosureEvents
{
    /// <summary>The citizen said the help arrived: Resolved → Closed.</summary>
    public const string Confirmed = "ClosureConfirmed";

    /// <summary>The citizen said it did not: Resolved → InProgress, back to the NGO.</summary>
    public const string Disputed = "ClosureDisputed";

    /// <summary>The citizen said nothing for <see cref="ClosureOptions.ConfirmAfterDays"/>: Resolved → Closed.</summary>
    public const string ClosedUnconfirmed = "ClosedUnconfirmed";

    /// <summary>The <see cref="Storage.ServiceRequestEntity.Closure"/> (and the event's detail) of a request the citizen confirmed.</summary>
    public const string ConfirmedClosure = "confirmed";

    /// <summary>The <see cref="Storage.ServiceRequestEntity.Closure"/> (and the event's detail) of a request closed after the citizen's silence.</summary>
    public const string UnconfirmedClosure = "unconfirmed";

    /// <summary>The <see cref="Storage.ServiceRequestEntity.AttentionReason"/> of a request the citizen
    /// disputed twice: the ministry looks at it (no replay clears it).</summary>
    public const string DisputedTwice = "closure-disputed-twice";

    /// <summary>Disputes after which the ministry is told.</summary>
    public const int DisputesBeforeAttention = 2;
}
