using Azure.Data.Tables;
using NgoFunctions.Core.Ministry;
using NgoFunctions.Core.Ministry.Aggregates;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Ministry;

/// <summary>Waits for the monitoring index: it is written after each commit, so a test reads the ministry's
/// figures only once every index row carries its request's last event.</summary>
public static class IndexInStep
{
    /// <summary>Waits (up to <paramref name="within"/>, else <see cref="NgoDriver.Within"/>) until the index rows of
    /// <paramref name="codes"/> carry their requests' last events; returns the requests as then stored.</summary>
    public static async Task<ServiceRequestEntity[]> WaitAsync(TestSystem system, NgoDriver driver, IReadOnlyCollection<string> codes, TimeSpan? within = null)
    {
        var (requests, _) = await Eventually.ReadsAsync(
            async () =>
            {
                var stored = await Task.WhenAll(codes.Select(driver.RequestAsync));
                var index = new Dictionary<string, int>();
                await foreach (var row in system.RequestIndex.QueryAsync<RequestIndexEntity>(
                                   TableClient.CreateQueryFilter($"RowKey lt {AggregateCounters.IndexRowKeyEnd}")))
                {
                    index[row.RowKey] = row.EventCount;
                }

                return (requests: stored, index);
            },
            read => read.requests.All(r => read.index.GetValueOrDefault(r.PartitionKey) == r.EventCount),
            within ?? NgoDriver.Within,
            "every index row carries its request's last event");
        return requests;
    }
}
