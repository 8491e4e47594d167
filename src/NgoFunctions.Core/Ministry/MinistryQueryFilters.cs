using Azure.Data.Tables;

namespace NgoFunctions.Core.Ministry;

/// <summary>The OData filters of the monitoring queries, from checked filters (<see cref="ParsedFilter"/>).
/// Each clause is escaped by <see cref="TableClient.CreateQueryFilter(FormattableString)"/>, so joining
/// escaped clauses with <c>and</c> is safe.</summary>
internal static class MinistryQueryFilters
{
    /// <summary>Index rows of the days asked for, with every filter given (status, sector, governorate,
    /// needs attention); for <see cref="RequestIndex.PageAsync"/>, which leaves the aggregate rows out.</summary>
    public static string IndexRows(ParsedFilter f)
    {
        var clauses = new List<string> { DayRange(f) };
        if (f.Status is { } status)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Status eq {status}"));
        }

        AddCell(clauses, f);
        if (f.NeedsAttention is { } needsAttention)
        {
            clauses.Add(TableClient.CreateQueryFilter($"NeedsAttention eq {needsAttention}"));
        }

        return string.Join(" and ", clauses);
    }

    /// <summary>Aggregate rows of the days asked for, of the sector and governorate when given; for
    /// <see cref="RequestIndex.AggregateRowsAsync"/>. Aggregate rows carry their cell's Sector and
    /// Governorate under the same names as index rows.</summary>
    public static string AggregateRows(ParsedFilter f)
    {
        var clauses = new List<string> { DayRange(f) };
        AddCell(clauses, f);
        return string.Join(" and ", clauses);
    }

    private static void AddCell(List<string> clauses, ParsedFilter f)
    {
        if (f.Sector is { } sector)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Sector eq {sector}"));
        }

        if (f.Governorate is { } governorate)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Governorate eq {governorate}"));
        }
    }

    private static string DayRange(ParsedFilter f) =>
        TableClient.CreateQueryFilter($"PartitionKey ge {RequestIndexEntity.Day(f.From)} and PartitionKey le {RequestIndexEntity.Day(f.To)}");
}
