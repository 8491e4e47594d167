using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Outcomes;

namespace NgoFunctions.Core.NgoActions;

/// <summary>The answers an NGO's read and its actions share.</summary>
internal static class NgoCaseOutcomes
{
    /// <summary>No such request for this NGO: unknown, malformed, or another NGO's (not told apart,
    /// so an NGO cannot learn about another NGO's requests).</summary>
    public static readonly Outcome<NgoCaseView> NotFound = new Outcome<NgoCaseView>.NotFound(new LocalText("ngo.request.notfound"));
}
