using Azure.Storage.Queues.Models;

namespace NgoFunctions.LocalHost.Worker;

/// <summary>Runs a queue- or timer-triggered function of the Functions app for the trigger runtime
/// (the WebJobs SDK's listeners, <see cref="QueueTriggers"/> and <see cref="TimerTriggers"/>). Throws
/// when the function failed, so the runtime retries the message and, after <c>maxDequeueCount</c>
/// attempts, moves it to the poison queue.</summary>
public interface IFunctionDispatcher
{
    /// <summary>Runs function <paramref name="functionName"/> for queue message <paramref name="message"/>.</summary>
    Task RunQueueFunctionAsync(string functionName, QueueMessage message, CancellationToken cancellationToken);

    /// <summary>Runs function <paramref name="functionName"/> for a timer tick; <paramref name="isPastDue"/>
    /// when the tick is late.</summary>
    Task RunTimerFunctionAsync(string functionName, bool isPastDue, CancellationToken cancellationToken);
}
