using NgoFunctions.Core.Registry;

namespace NgoFunctions.Core.Routing;

/// <summary>An NGO that serves the request's sector and covers its location, with the figures the
/// rule ranks by.</summary>
/// <param name="Ngo">The NGO.</param>
/// <param name="Match">The most specific coverage that matched.</param>
/// <param name="OpenCases">Cases it holds now.</param>
/// <param name="Accepted">Assignments it accepted so far.</param>
/// <param name="NotAccepted">Assignments it declined or let expire so far.</param>
public sealed record RoutingCandidate(Ngo Ngo, CoverageMatch Match, int OpenCases, int Accepted, int NotAccepted)
{
    /// <summary>Open cases over capacity: 0 is idle, 1 is full.</summary>
    public double Load => LoadOf(OpenCases, Ngo.Capacity);

    /// <summary>Acceptance rate with Laplace smoothing ((a+1)/(a+n+2)), so an NGO with no history
    /// starts at 0.5 instead of being ranked first or last for lack of data.</summary>
    public double AcceptanceRate => AcceptanceRateOf(Accepted, NotAccepted);

    /// <summary>Whether it can take one more case.</summary>
    public bool HasRoom => OpenCases < Ngo.Capacity;

    /// <summary>Open cases over capacity (0 is idle, 1 is full; a capacity of 0 counts as full).</summary>
    public static double LoadOf(int openCases, int capacity) => capacity == 0 ? 1.0 : (double)openCases / capacity;

    /// <summary>Smoothed acceptance rate (a+1)/(a+n+2), 0..1.</summary>
    public static double AcceptanceRateOf(int accepted, int notAccepted) => (accepted + 1.0) / (accepted + notAccepted + 2.0);
}
