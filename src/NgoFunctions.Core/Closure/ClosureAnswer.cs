namespace NgoFunctions.Core.Closure;

/// <summary>What became of the citizen's answer to "did you get the help you needed?".</summary>
/// <param name="TrackingCode">Display form, <c>XXXXX-XXXXX</c>.</param>
/// <param name="Received">The answer: <c>true</c> (help arrived), <c>false</c> (it did not).</param>
/// <param name="Status">The request's status now: <c>Closed</c> after a yes, <c>InProgress</c> after a no.</param>
/// <param name="NeedsAttention">Whether the request is flagged for the ministry (after a second no, or for any other reason).</param>
public sealed record ClosureAnswer(string TrackingCode, bool Received, string Status, bool NeedsAttention);
