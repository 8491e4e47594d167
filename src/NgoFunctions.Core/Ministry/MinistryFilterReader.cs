using System.Globalization;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.ReferenceData;

namespace NgoFunctions.Core.Ministry;

/// <summary>Reads a monitoring query's raw filters (<see cref="MinistryFilter"/>) into their canonical
/// form: days as dates, codes as the catalogues spell them. Lenient: a value it cannot read counts as
/// not given (a day falls back to its default), so a query can still be built from filters that
/// <see cref="MinistryFilterValidator"/> rejects; the validator uses the same readings, so the two agree.</summary>
public sealed class MinistryFilterReader(SectorCatalogue sectors, LocationCatalogue locations, IOptions<MinistryOptions> options)
{
    /// <summary>How a day is written on the wire (UTC).</summary>
    public const string DayFormat = "yyyy-MM-dd";

    /// <summary>The days asked for: <c>to</c> (default <paramref name="today"/>) and <c>from</c> (default
    /// <see cref="MinistryOptions.DefaultWindowDays"/> days ending on <c>to</c>), each inclusive. Not checked
    /// for order or length (<see cref="MinistryOptions.MaxRangeDays"/>).</summary>
    public (DateOnly From, DateOnly To) Days(MinistryFilter filter, DateOnly today)
    {
        var to = Day(filter.To) ?? today;
        return (Day(filter.From) ?? to.AddDays(1 - options.Value.DefaultWindowDays), to);
    }

    /// <summary>A day written <see cref="DayFormat"/>, or <c>null</c> when empty or malformed.</summary>
    public static DateOnly? Day(string? text) =>
        !string.IsNullOrEmpty(text) && DateOnly.TryParseExact(text, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;

    /// <summary>The status name as <see cref="RequestStatus"/> spells it (matched case-insensitively), or <c>null</c>.</summary>
    public static string? Status(string? text) =>
        Enum.GetNames<RequestStatus>().FirstOrDefault(s => string.Equals(s, text, StringComparison.OrdinalIgnoreCase));

    /// <summary>The sector code as the catalogue spells it (matched case-insensitively, as status and
    /// tracking codes are), or <c>null</c>.</summary>
    public string? Sector(string? text) =>
        sectors.All.FirstOrDefault(s => string.Equals(s.Code, text, StringComparison.OrdinalIgnoreCase))?.Code;

    /// <summary>The governorate P-code as the catalogue spells it (matched case-insensitively), or <c>null</c>.</summary>
    public string? Governorate(string? text) =>
        locations.Governorates.FirstOrDefault(g => string.Equals(g.PCode, text, StringComparison.OrdinalIgnoreCase))?.PCode;

    /// <summary><c>true</c> or <c>false</c> (as <see cref="bool.TryParse(string, out bool)"/> reads them), or <c>null</c>.</summary>
    public static bool? NeedsAttention(string? text) => bool.TryParse(text, out var flagged) ? flagged : null;

    /// <summary>The filters in canonical form; empty and unreadable values as not given.</summary>
    internal ParsedFilter Read(MinistryFilter filter, DateOnly today)
    {
        var (from, to) = Days(filter, today);
        return new ParsedFilter(from, to, Status(filter.Status), Sector(filter.Sector), Governorate(filter.Governorate), NeedsAttention(filter.NeedsAttention));
    }
}
