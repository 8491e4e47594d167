namespace NgoFunctions.Core.Hsds;

/// <summary>Cuts pages out of a whole list.</summary>
public static class HsdsPaging
{
    /// <summary>The page <paramref name="request"/> asks for of <paramref name="all"/> (already in its
    /// final order), with the HSDS page header computed from the whole list.</summary>
    public static HsdsPage<T> Of<T>(IReadOnlyList<T> all, HsdsPageRequest request)
    {
        var totalPages = (int)((all.Count + (long)request.PerPage - 1) / request.PerPage);
        // long: page × per_page can pass int's range for a far-off page number.
        var skip = (long)(request.Page - 1) * request.PerPage;
        List<T> contents = skip >= all.Count ? [] : all.Skip((int)skip).Take(request.PerPage).ToList();
        return new HsdsPage<T>(
            all.Count,
            totalPages,
            request.Page,
            contents.Count,
            FirstPage: request.Page == 1,
            LastPage: request.Page >= totalPages,
            Empty: contents.Count == 0,
            contents);
    }

    /// <summary>The same page with its records replaced one for one by <paramref name="contents"/>
    /// (e.g. the page's NGO × sector pairs mapped to HSDS services once their loads are read).</summary>
    public static HsdsPage<TOut> WithContents<TIn, TOut>(this HsdsPage<TIn> page, IReadOnlyList<TOut> contents) =>
        contents.Count == page.Size
            ? new(page.TotalItems, page.TotalPages, page.PageNumber, page.Size, page.FirstPage, page.LastPage, page.Empty, contents)
            : throw new ArgumentException($"A page of {page.Size} records cannot hold {contents.Count}.", nameof(contents));
}
