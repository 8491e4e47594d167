using Azure.Core;
using Azure.Core.Pipeline;

namespace NgoFunctions.Core.Storage;

/// <summary>An Azure SDK pipeline policy, added per retry to the storage clients' options, that
/// counts every request the client sends into a <see cref="StorageTransactionCounter"/>, also by
/// operation: the HTTP method and the table or queue the request names (<c>GET NgoCases point</c> for
/// a point read, <c>GET ServiceRequests query</c> for a query, <c>POST $batch</c> for a transaction,
/// <c>POST notifications</c> for an enqueue).</summary>
/// <param name="counter">Where to count.</param>
/// <param name="service">Which service the client talks to.</param>
public sealed class StorageTransactionCountingPolicy(StorageTransactionCounter counter, StorageService service) : HttpPipelineSynchronousPolicy
{
    /// <inheritdoc />
    public override void OnSendingRequest(HttpMessage message) =>
        counter.Count(service, Operation(service, message.Request.Method.Method, message.Request.Uri.Path));

    /// <summary>The operation name of a request: method and resource (see the type's summary).</summary>
    /// <param name="service">The service.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The request path (Azurite puts the account name first; Azure does not).</param>
    public static string Operation(StorageService service, string method, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
        {
            return method;
        }

        var last = Uri.UnescapeDataString(segments[^1]);
        if (service == StorageService.Queue)
        {
            // .../{queue}/messages[/{id}]
            var messages = Array.FindLastIndex(segments, s => s == "messages");
            return messages > 0 ? $"{method} {segments[messages - 1]}" : $"{method} {last}";
        }

        var paren = last.IndexOf('(', StringComparison.Ordinal);
        if (paren < 0)
        {
            return $"{method} {last}";
        }

        var kind = last.Length > paren + 2 && last[paren + 1] != ')' ? "point" : "query";
        return $"{method} {last[..paren]} {kind}";
    }
}
