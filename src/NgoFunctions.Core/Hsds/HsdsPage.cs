using System.Text.Json.Serialization;

namespace NgoFunctions.Core.Hsds;

/// <summary>One page of a list, as the HSDS API answers every list (HSDS 3.1 <c>openapi.json</c>,
/// <c>components/schemas/Page</c>, with the records in <c>contents</c>).</summary>
/// <typeparam name="T">The records listed.</typeparam>
/// <param name="TotalItems">Records in the whole list.</param>
/// <param name="TotalPages">Pages the whole list fills at this page size: ⌈total_items ÷ per_page⌉, 0 for an empty list.</param>
/// <param name="PageNumber">This page's number, from 1 (as asked, even past the last page).</param>
/// <param name="Size">Records on this page ("the number of entities in the current page"), at most per_page.</param>
/// <param name="FirstPage">Whether this is page 1.</param>
/// <param name="LastPage">Whether no page follows this one (also true past the end).</param>
/// <param name="Empty">Whether this page holds no record (an empty list, or a page past the end).</param>
/// <param name="Contents">The records, in the list's order.</param>
public sealed record HsdsPage<T>(
    [property: JsonPropertyName("total_items")] int TotalItems,
    [property: JsonPropertyName("total_pages")] int TotalPages,
    [property: JsonPropertyName("page_number")] int PageNumber,
    [property: JsonPropertyName("size")] int Size,
    [property: JsonPropertyName("first_page")] bool FirstPage,
    [property: JsonPropertyName("last_page")] bool LastPage,
    [property: JsonPropertyName("empty")] bool Empty,
    [property: JsonPropertyName("contents")] IReadOnlyList<T> Contents);
