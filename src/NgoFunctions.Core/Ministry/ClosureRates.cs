namespace NgoFunctions.Core.Ministry;

/// <summary>The shares of resolutions that ended each of the three ways a citizen's answer ends one:
/// confirmed (yes), unconfirmed (silence for <c>Closure:ConfirmAfterDays</c>) and disputed (no, which
/// sends the case back to its NGO). One definition for the NGO table and the flow stats, so the two can
/// be compared: each is a count over confirmed + unconfirmed + disputed, 4 decimals, <c>null</c> when
/// that sum is 0. Resolutions still awaiting an answer are in none of them.</summary>
/// <param name="Confirmed">confirmed / (confirmed + unconfirmed + disputed).</param>
/// <param name="Unconfirmed">unconfirmed / the same.</param>
/// <param name="Disputed">disputed / the same.</param>
public readonly record struct ClosureRates(double? Confirmed, double? Unconfirmed, double? Disputed)
{
    /// <summary>The rates of the given counts (each ≥ 0).</summary>
    public static ClosureRates Of(long confirmed, long unconfirmed, long disputed)
    {
        var ended = confirmed + unconfirmed + disputed;
        double? Rate(long count) => ended > 0 ? Math.Round((double)count / ended, 4) : null;
        return new ClosureRates(Rate(confirmed), Rate(unconfirmed), Rate(disputed));
    }
}
