using System.Globalization;

namespace NgoFunctions.Core.Ministry.Exports;

/// <summary>Small-cell suppression for exported counts of requests: a count below
/// <see cref="Threshold"/> is written as <c>&lt;5</c>, so no export can single out a person in a small
/// district (the usual rule of humanitarian statistics; source: the ministry issue's export rule).</summary>
public static class SmallCells
{
    /// <summary>Counts below this are not written as numbers.</summary>
    public const int Threshold = 5;

    /// <summary>The count as it may be exported.</summary>
    public static string Count(int count) => count < Threshold ? "<" + Threshold.ToString(CultureInfo.InvariantCulture) : count.ToString(CultureInfo.InvariantCulture);
}
