namespace NgoFunctions.Core.Storage;

/// <summary>An NGO's open-case counter (NgoCases, PK = NGO id, RK <c>load</c>): the capacity gate,
/// changed only with its ETag and in the same transaction as the case row it counts.</summary>
public sealed class NgoLoadEntity : EntityBase
{
    /// <summary>Cases routed to the NGO and not yet closed, declined, expired or cancelled.</summary>
    public int OpenCases { get; set; }

    /// <summary>Assignments the NGO accepted (for its acceptance rate).</summary>
    public int Accepted { get; set; }

    /// <summary>Assignments the NGO declined or let expire.</summary>
    public int NotAccepted { get; set; }
}
