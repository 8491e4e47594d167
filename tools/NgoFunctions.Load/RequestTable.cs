using Azure;
using Azure.Data.Tables;

namespace NgoFunctions.Load;

/// <summary>Reads the ServiceRequests table directly (not through the status API, so polling does not
/// add to the system's own storage transaction count). PK = tracking code without its dash.</summary>
public sealed class RequestTable(TableClient table)
{
    /// <summary>Where a request stands: its status, when it was submitted and when routing decided it
    /// (its first Routed, Waitlisted or Unroutable event; UTC), and how many assignments and Routed events its partition
    /// holds (more than one of either is a duplicate).</summary>
    public sealed record Outcome(string Status, DateTimeOffset SubmittedAt, DateTimeOffset? DecidedAt, int Assignments, int RoutedEvents);

    /// <summary>Whether routing has decided a request in <paramref name="status"/>: routed to an NGO, in
    /// line for one (all covering NGOs full), or covered by none.</summary>
    public static bool IsDecided(string status) => status is "Routed" or "Waitlisted" or "Unroutable";

    /// <summary>The request's row, or null when it is not (yet) there.</summary>
    public async Task<(string Status, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt)?> FindAsync(string trackingCode, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Key(trackingCode), "request", ["Status", "SubmittedAt", "UpdatedAt"], cancellationToken);
        return row.HasValue
            ? (row.Value!.GetString("Status"), row.Value.GetDateTimeOffset("SubmittedAt")!.Value, row.Value.GetDateTimeOffset("UpdatedAt")!.Value)
            : null;
    }

    /// <summary>Reads the whole partition once the request is routed, to count assignments and Routed events.</summary>
    public async Task<Outcome?> OutcomeAsync(string trackingCode, CancellationToken cancellationToken)
    {
        var key = Key(trackingCode);
        string? status = null;
        DateTimeOffset submitted = default;
        DateTimeOffset? decided = null;
        int assignments = 0, routedEvents = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {key}"), cancellationToken: cancellationToken))
        {
            if (row.RowKey == "request")
            {
                status = row.GetString("Status");
                submitted = row.GetDateTimeOffset("SubmittedAt")!.Value;
            }
            else if (row.RowKey.StartsWith("assignment-", StringComparison.Ordinal))
            {
                assignments++;
            }
            else if (row.RowKey.StartsWith("event-", StringComparison.Ordinal) && row.GetString("Status") is { } eventStatus && IsDecided(eventStatus))
            {
                routedEvents += row.GetString("Status") == "Routed" ? 1 : 0;
                decided ??= row.GetDateTimeOffset("OccurredAt");
            }
        }

        return status is null ? null : new Outcome(status, submitted, decided, assignments, routedEvents);
    }

    private static string Key(string trackingCode) => trackingCode.Replace("-", string.Empty, StringComparison.Ordinal);
}
