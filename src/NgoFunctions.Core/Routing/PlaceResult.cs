namespace NgoFunctions.Core.Routing;

/// <summary>What <see cref="PlaceReservation.ReserveAsync"/> came to: one of <see cref="ReservedPlace"/>,
/// <see cref="NoPlace"/> or <see cref="BehindTheLine"/>.</summary>
/// <param name="Decision">The rule's decision the outcome rests on (its reason is what the request's
/// assignment or status change records).</param>
public abstract record PlaceResult(RoutingDecision Decision);

/// <summary>A place is held for the request at <paramref name="Chosen"/>: its case row and counter are
/// written (now, or by an earlier delivery of the same message). The request is to be committed to it.</summary>
/// <param name="Decision">The decision that chose it.</param>
/// <param name="Chosen">The NGO holding the place, with the figures it was ranked by.</param>
public sealed record ReservedPlace(RoutingDecision Decision, RoutingCandidate Chosen) : PlaceResult(Decision);

/// <summary>No candidate has room or is willing, by counters all read from storage by this routing:
/// the request waits (Waitlisted when <see cref="RoutingDecision.Considered"/> is not empty, a capacity
/// gap; Unroutable when it is, a coverage gap). Nothing was reserved.</summary>
/// <param name="Decision">The decision, with no NGO chosen.</param>
public sealed record NoPlace(RoutingDecision Decision) : PlaceResult(Decision);

/// <summary>The request is new (Submitted) and a request of its sector and governorate that
/// <paramref name="Chosen"/> could take waits ahead of it: it joins the line (Waitlisted) and the
/// place goes to the first in it. Nothing was reserved.</summary>
/// <param name="Decision">The decision that chose <paramref name="Chosen"/>.</param>
/// <param name="Chosen">The NGO whose place the line gets.</param>
public sealed record BehindTheLine(RoutingDecision Decision, RoutingCandidate Chosen) : PlaceResult(Decision);
