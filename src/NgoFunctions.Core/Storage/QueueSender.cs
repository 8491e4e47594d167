using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Storage.Queues;
using System.Text.Json.Nodes;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Telemetry;

namespace NgoFunctions.Core.Storage;

/// <summary>Puts messages on queues as JSON, each stamped with the current trace context
/// (<see cref="Tracing"/>). The service client is built with
/// <see cref="QueueMessageEncoding.Base64"/>, the encoding queue triggers expect by default.</summary>
/// <param name="service">The account's queue service (Base64 message encoding).</param>
public sealed class QueueSender(QueueServiceClient service)
{
    private readonly ConcurrentDictionary<string, QueueClient> _queues = new(StringComparer.Ordinal);

    /// <summary>Sends <paramref name="message"/> to <paramref name="queueName"/>. The queue must exist
    /// (created by the deployment, or at local start-up): nothing is created on this path.
    /// Throws <see cref="Azure.RequestFailedException"/> when storage refuses after the SDK's retries.</summary>
    public Task SendAsync<T>(string queueName, T message, CancellationToken cancellationToken) =>
        SendAsync(queueName, message, delay: null, cancellationToken);

    /// <summary>Sends a body exactly as given (a message kept from a poison queue, replayed).</summary>
    public async Task SendRawAsync(string queueName, string body, CancellationToken cancellationToken) =>
        await _queues.GetOrAdd(queueName, service.GetQueueClient).SendMessageAsync(body, cancellationToken);

    /// <summary>As <see cref="SendAsync{T}(string, T, CancellationToken)"/>, invisible to the queue's
    /// readers for <paramref name="delay"/> (at most 7 days): how a "try again in N seconds" is kept
    /// without holding a worker.</summary>
    public async Task SendAsync<T>(string queueName, T message, TimeSpan? delay, CancellationToken cancellationToken)
    {
        var queue = _queues.GetOrAdd(queueName, service.GetQueueClient);
        var body = JsonSerializer.SerializeToNode(message, MessageJson.Options);
        if (body is JsonObject fields)
        {
            Tracing.Stamp(fields);
        }

        await queue.SendMessageAsync(body?.ToJsonString(MessageJson.Options), visibilityTimeout: delay, cancellationToken: cancellationToken);
    }
}
