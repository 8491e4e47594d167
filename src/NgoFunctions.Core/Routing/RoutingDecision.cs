namespace NgoFunctions.Core.Routing;

/// <summary>What the rule decided, with the reason kept on the assignment so any decision can be
/// explained afterwards.</summary>
/// <param name="Chosen">The NGO to assign, or <c>null</c> when none fits (the request is Unroutable).</param>
/// <param name="Considered">Every NGO that served the sector and covered the location, ranked best first,
/// with why each was or was not taken.</param>
/// <param name="RuleVersion">The rule that decided.</param>
public sealed record RoutingDecision(RoutingCandidate? Chosen, IReadOnlyList<ConsideredCandidate> Considered, string RuleVersion);

/// <summary>One line of a routing reason.</summary>
/// <param name="NgoId">The NGO.</param>
/// <param name="CoverageLevel">Level of its best matching coverage.</param>
/// <param name="MatchedPCode">That coverage's P-code.</param>
/// <param name="OpenCases">Open cases at decision time.</param>
/// <param name="Capacity">Its capacity.</param>
/// <param name="AcceptanceRate">Smoothed acceptance rate, 0..1.</param>
/// <param name="Outcome"><c>chosen</c>, <c>ranked-lower</c>, <c>at-capacity</c> or <c>declined-before</c>.</param>
public sealed record ConsideredCandidate(
    string NgoId, string CoverageLevel, string MatchedPCode, int OpenCases, int Capacity, double AcceptanceRate, string Outcome);
