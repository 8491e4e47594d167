using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Hsds;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Outcomes;

namespace NgoFunctions.Tests.Hsds;

/// <summary>HSDS pages (<c>Page</c> of the HSDS 3.1 API: total_items, total_pages, page_number, size,
/// first_page, last_page, empty) and the reading of <c>page</c> and <c>per_page</c>.</summary>
[Trait("Category", "Unit")]
public sealed class HsdsPagingTests
{
    private static readonly int[] Five = [1, 2, 3, 4, 5];

    [Theory]
    // page, per_page → total_pages, size, first, last, empty, first record
    [InlineData(1, 2, 3, 2, true, false, false, 1)]
    [InlineData(2, 2, 3, 2, false, false, false, 3)]
    [InlineData(3, 2, 3, 1, false, true, false, 5)]
    [InlineData(4, 2, 3, 0, false, true, true, 0)]
    [InlineData(1, 5, 1, 5, true, true, false, 1)]
    [InlineData(1, 200, 1, 5, true, true, false, 1)]
    [InlineData(int.MaxValue, 200, 1, 0, false, true, true, 0)]
    public void Of_FiveRecords(int page, int perPage, int totalPages, int size, bool first, bool last, bool empty, int firstRecord)
    {
        var result = HsdsPaging.Of(Five, new HsdsPageRequest(page, perPage));

        Assert.Equal(5, result.TotalItems);
        Assert.Equal(totalPages, result.TotalPages);
        Assert.Equal(page, result.PageNumber);
        Assert.Equal(size, result.Size);
        Assert.Equal(size, result.Contents.Count);
        Assert.Equal(first, result.FirstPage);
        Assert.Equal(last, result.LastPage);
        Assert.Equal(empty, result.Empty);
        Assert.Equal(firstRecord, result.Contents.FirstOrDefault());
    }

    [Fact]
    public void Of_EmptyList_NoPagesFirstAndLastAndEmpty()
    {
        var result = HsdsPaging.Of(Array.Empty<int>(), new HsdsPageRequest(1, 50));

        Assert.Equal((0, 0, 0, true, true, true), (result.TotalItems, result.TotalPages, result.Size, result.FirstPage, result.LastPage, result.Empty));
    }

    [Fact]
    public void Read_Absent_DefaultsToPage1Of50()
    {
        var read = HsdsPageRequest.Read(null, "", new Texts(), Language.Ar);

        Assert.Equal(new HsdsPageRequest(1, 50), Assert.IsType<Outcome<HsdsPageRequest>.Done>(read).Value);
    }

    [Theory]
    [InlineData("0", null, "page")]
    [InlineData("-1", null, "page")]
    [InlineData("two", null, "page")]
    [InlineData("99999999999", null, "page")]
    [InlineData(null, "0", "per_page")]
    [InlineData(null, "201", "per_page")]
    [InlineData(null, " 5", "per_page")]
    [InlineData(null, "1e2", "per_page")]
    public void Read_OutOfRangeOrNotANumber_RejectedNamingTheParameter(string? page, string? perPage, string field)
    {
        var read = HsdsPageRequest.Read(page, perPage, new Texts(), Language.En);

        var rejected = Assert.IsType<Outcome<HsdsPageRequest>.Rejected>(read);
        Assert.Equal([field], rejected.Errors.Keys);
    }

    [Fact]
    public void Read_Limits_InBothLanguages()
    {
        var texts = new Texts();

        var arabic = Assert.IsType<Outcome<HsdsPageRequest>.Rejected>(HsdsPageRequest.Read("1", "0", texts, Language.Ar));
        var english = Assert.IsType<Outcome<HsdsPageRequest>.Rejected>(HsdsPageRequest.Read("1", "0", texts, Language.En));

        Assert.Equal("عدد النتائج في الصفحة (per_page) عدد صحيح من 1 إلى 200.", arabic.Errors["per_page"].Single());
        Assert.Equal("The number of results per page (per_page) is a whole number from 1 to 200.", english.Errors["per_page"].Single());
        Assert.IsType<Outcome<HsdsPageRequest>.Done>(HsdsPageRequest.Read("1", "200", texts, Language.Ar));
    }
}
