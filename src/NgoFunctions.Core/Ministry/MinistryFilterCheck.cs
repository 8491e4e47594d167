using NgoFunctions.Core.Domain;

namespace NgoFunctions.Core.Ministry;

/// <summary>What <see cref="MinistryFilterValidator"/> checks: the caller's filters, the day the query
/// runs on (UTC; the default range ends there) and the language of the error messages.</summary>
/// <param name="Filter">The raw filters.</param>
/// <param name="Today">Today, UTC: the default last day.</param>
/// <param name="Language">The caller's language, for the messages.</param>
public sealed record MinistryFilterCheck(MinistryFilter Filter, DateOnly Today, Language Language);
