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

    /// <summary>The deployment's secret from which the <c>request_ref</c> of <c>requests.csv</c> is derived
    /// (<see cref="ExportPseudonyms"/>: a keyed pseudonym of the tracking code, which the file must not
    /// carry); at least 32 characters, e.g. <c>openssl rand -base64 48</c>, and used for nothing else. Empty:
    /// outside Development <c>requests.csv</c> answers 503 (the other exports and the API keep working); in
    /// Development a fixed development key stands in. Changing it changes every ref: files downloaded
    /// before and after no longer join on <c>request_ref</c>.</summary>
    // A pattern, not [MinLength]: empty (the settings file's value) must pass, and MinLength refuses it.
    [RegularExpression(@"^(.{32,})?$", ErrorMessage = "Ministry:Exports:PseudonymKey is empty or at least 32 characters.")]
    public string? PseudonymKey { get; set; }
}
