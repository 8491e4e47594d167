using Azure.Data.Tables;
using NgoFunctions.Core.Domain;

namespace NgoFunctions.Core.Ministry.Aggregates;

/// <summary>Sums aggregate rows (<see cref="AggregateCounters"/>) into the ministry's stats: in memory,
/// over the rows of the days and cells asked for (at most sectors × governorates × shards rows a day).
/// Rows counted before the closure counters existed (rule version 1) hold none: until the index is
/// rebuilt their requests' closures are missing from <see cref="MinistryStats.Closure"/>.</summary>
public static class FlowStatsBuilder
{
    /// <summary>The stats of <paramref name="rows"/> (aggregate rows of the range, already filtered).</summary>
    public static MinistryStats Build(
        DateOnly from, DateOnly to, string? sector, string? governorate, IReadOnlyCollection<TableEntity> rows)
    {
        var statuses = AggregateCounters.Statuses;
        var toRouted = new long[DurationHistogram.BucketCount];
        var toAccepted = new long[DurationHistogram.BucketCount];
        var toResolved = new long[DurationHistogram.BucketCount];
        long total = 0, needsAttention = 0, slaBreaches = 0, duplicates = 0;
        var byStatus = Zeros(statuses);
        var closure = new ClosureTally();
        var cells = new SortedDictionary<(string Sector, string Governorate), (Dictionary<string, long> ByStatus, ClosureTally Closure)>();
        var days = new SortedDictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            total += AggregateCounters.Read(row, AggregateCounters.Total);
            needsAttention += AggregateCounters.Read(row, AggregateCounters.NeedsAttention);
            slaBreaches += AggregateCounters.Read(row, AggregateCounters.SlaBreaches);
            duplicates += AggregateCounters.Read(row, AggregateCounters.Duplicates);
            AggregateCounters.AddHistogram(row, AggregateCounters.ToRoutedPrefix, toRouted);
            AggregateCounters.AddHistogram(row, AggregateCounters.ToAcceptedPrefix, toAccepted);
            AggregateCounters.AddHistogram(row, AggregateCounters.ToResolvedPrefix, toResolved);
            var cellKey = (row.GetString(AggregateCounters.SectorProperty) ?? string.Empty, row.GetString(AggregateCounters.GovernorateProperty) ?? string.Empty);
            var cell = cells.TryGetValue(cellKey, out var c) ? c : cells[cellKey] = (Zeros(statuses), new ClosureTally());
            closure.Add(row);
            cell.Closure.Add(row);
            var day = days.TryGetValue(row.PartitionKey, out var d) ? d : days[row.PartitionKey] = Zeros(statuses);
            foreach (var status in statuses)
            {
                var n = AggregateCounters.Read(row, AggregateCounters.StatusCounter(status));
                byStatus[status] += n;
                cell.ByStatus[status] += n;
                day[status] += n;
            }
        }

        return new MinistryStats(
            from, to, sector, governorate, total, byStatus,
            byStatus[nameof(RequestStatus.Unroutable)], needsAttention, slaBreaches, duplicates,
            new FlowTimes(DurationHistogram.Summarize(toRouted), DurationHistogram.Summarize(toAccepted), DurationHistogram.Summarize(toResolved)),
            cells.Where(p => p.Value.ByStatus.Values.Sum() > 0)
                .Select(p => new StatsCell(
                    p.Key.Sector, p.Key.Governorate, p.Value.ByStatus.Values.Sum(), p.Value.ByStatus,
                    p.Value.Closure.Closure(p.Value.ByStatus[nameof(RequestStatus.Resolved)]), p.Value.Closure.Outcomes())).ToList(),
            days.Where(p => p.Value.Values.Sum() > 0)
                .Select(p => new StatsDay(DateOnly.ParseExact(p.Key, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), p.Value.Values.Sum(), p.Value)).ToList(),
            closure.Closure(byStatus[nameof(RequestStatus.Resolved)]),
            closure.Outcomes());
    }

    private static Dictionary<string, long> Zeros(IReadOnlyList<string> statuses) => statuses.ToDictionary(s => s, _ => 0L, StringComparer.Ordinal);
}
