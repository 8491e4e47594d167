using System.Globalization;

namespace NgoFunctions.Core.Ministry.Exports;

/// <summary>Small-cell suppression for exported counts of requests: a count below
/// <see cref="Threshold"/> is written as <c>&lt;5</c>, so no export can single out a person in a small
/// district (the usual rule of humanitarian statistics; source: the ministry issue's export rule).</summary>
public static class SmallCells
{
    /// <summary>Counts below this are not written as numbers.</summary>
    public const int Threshold = 5;

    /// <summary>What a suppressed count is written as.</summary>
    public static readonly string Suppressed = "<" + Threshold.ToString(CultureInfo.InvariantCulture);

    /// <summary>The count as it may be exported: 1 to 4 as <c>&lt;5</c>; zero (no request, nobody to
    /// single out) and counts of 5 or more as they are.</summary>
    public static string Count(long count) =>
        count is > 0 and < Threshold ? Suppressed : count.ToString(CultureInfo.InvariantCulture);
}
