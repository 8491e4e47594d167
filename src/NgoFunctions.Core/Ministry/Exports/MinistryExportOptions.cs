using System.ComponentModel.DataAnnotations;

namespace NgoFunctions.Core.Ministry.Exports;

/// <summary>The ministry's CSV exports (configuration section <c>Ministry:Exports</c>). A class of its
/// own rather than properties of <see cref="MinistryOptions"/>, which the exports do not own; it binds
/// under the same <c>Ministry</c> prefix, so the settings read <c>Ministry:Exports:MaxRows</c>.</summary>
public sealed class MinistryExportOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Ministry:Exports";

    /// <summary>Most data rows of one <c>requests.csv</c>. The file streams page by page, so the cap bounds
    /// the time and the storage reads of one call, not memory; past it the file ends with a note row
    /// saying it was cut (see <see cref="RequestsCsvWriter"/>). 50,000 rows are about 10 MB.</summary>
    [Range(1, 1_000_000)]
    public int MaxRows { get; set; } = 50_000;
}
