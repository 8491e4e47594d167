namespace NgoFunctions.Core.Ministry;

/// <summary>The raw filters of a monitoring query, as the caller sent them (all optional).</summary>
/// <param name="Status">Status name (case-insensitive).</param>
/// <param name="Sector">Sector code.</param>
/// <param name="Governorate">Governorate P-code.</param>
/// <param name="NeedsAttention"><c>true</c> or <c>false</c>.</param>
/// <param name="From">First submission day, <c>yyyy-MM-dd</c> (UTC); default: the window before <paramref name="To"/>.</param>
/// <param name="To">Last submission day, <c>yyyy-MM-dd</c> (UTC); default: today.</param>
/// <param name="ContinuationToken">The previous page's token.</param>
public sealed record MinistryFilter(
    string? Status = null, string? Sector = null, string? Governorate = null, string? NeedsAttention = null,
    string? From = null, string? To = null, string? ContinuationToken = null);

/// <summary>A monitoring query's filters, checked; codes as the catalogues spell them.</summary>
internal sealed record ParsedFilter(DateOnly From, DateOnly To, string? Status, string? Sector, string? Governorate, bool? NeedsAttention);
