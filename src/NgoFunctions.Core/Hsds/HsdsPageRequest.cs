using System.Globalization;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Outcomes;

namespace NgoFunctions.Core.Hsds;

/// <summary>Which page of a list a caller asked for: the HSDS API's <c>page</c> (1-based) and
/// <c>per_page</c> query parameters (HSDS 3.1 <c>openapi.json</c>, <c>components/parameters/page</c> and
/// <c>per_page</c>; the specification leaves their defaults and bounds to the API, which are these).</summary>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PerPage">Records per page, 1 to <see cref="MaxPerPage"/>.</param>
public sealed record HsdsPageRequest(int Page, int PerPage)
{
    /// <summary>The page when none is asked for.</summary>
    public const int DefaultPage = 1;

    /// <summary>Records per page when <c>per_page</c> is absent.</summary>
    public const int DefaultPerPage = 50;

    /// <summary>The most records one page holds: bounds what one anonymous call reads.</summary>
    public const int MaxPerPage = 200;

    /// <summary>The request read from the raw query values (absent or empty: the defaults), or
    /// <see cref="Outcome{T}.Rejected"/> naming <c>page</c> and <c>per_page</c> when they are not whole
    /// numbers in range, in <paramref name="language"/>.</summary>
    public static Outcome<HsdsPageRequest> Read(string? page, string? perPage, Texts texts, Language language)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var pageNumber = Parse(page, DefaultPage);
        if (pageNumber is null or < 1)
        {
            errors["page"] = [texts.Get("validation.hsds.page", language)];
        }

        var size = Parse(perPage, DefaultPerPage);
        if (size is null or < 1 or > MaxPerPage)
        {
            errors["per_page"] = [texts.Get("validation.hsds.perPage", language, MaxPerPage)];
        }

        return errors.Count > 0
            ? new Outcome<HsdsPageRequest>.Rejected(errors)
            : new Outcome<HsdsPageRequest>.Done(new HsdsPageRequest(pageNumber!.Value, size!.Value));
    }

    // Digits only (no sign, spaces or exponent): "1e3" or " 2" are refused rather than guessed at.
    private static int? Parse(string? raw, int absent) =>
        string.IsNullOrEmpty(raw) ? absent
        : int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
        : null;
}
