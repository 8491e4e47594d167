namespace NgoFunctions.Core.Storage;

/// <summary>The citizen's rating of a resolved request (ServiceRequests, PK = tracking code, RK
/// <c>feedback</c>): one per request. The comment is the citizen's own words, kept here and never in
/// events or logs; the rating alone also goes into a <c>Feedback</c> event for the ministry's figures.</summary>
public sealed class FeedbackEntity : EntityBase
{
    /// <summary>1 (poor) to 5 (excellent).</summary>
    public int Rating { get; set; }

    /// <summary>Optional comment, as typed.</summary>
    public string? Comment { get; set; }

    /// <summary>When the rating was given (UTC).</summary>
    public DateTimeOffset RatedAt { get; set; }
}
