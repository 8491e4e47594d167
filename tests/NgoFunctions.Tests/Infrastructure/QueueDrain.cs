using Azure.Storage.Queues;

namespace NgoFunctions.Tests.Infrastructure;

/// <summary>Waits until a queue holds no message at all. Its count includes messages being handled
/// (dequeued, invisible), and the host deletes a message only once its function completed, so an empty
/// queue means every delivery was handled to the end.</summary>
public static class QueueDrain
{
    /// <summary>Polls <paramref name="queue"/>'s approximate count until it is 0; throws
    /// <see cref="TimeoutException"/> after <paramref name="within"/>.</summary>
    public static Task UntilEmptyAsync(this QueueClient queue, TimeSpan within) => Eventually.HoldsAsync(
        async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, within, $"{queue.Name} drained");
}
