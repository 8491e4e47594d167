using System.Globalization;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using NgoFunctions.LocalHost.FunctionRpc;

namespace NgoFunctions.LocalHost.Worker;

/// <summary>Runs queue and timer functions in the worker process: one <c>InvocationRequest</c> each, with
/// the input and trigger metadata the Functions host sends (the queue message as text and its id, pop
/// receipt, dequeue count and times; the timer's <c>TimerInfo</c> as JSON). A failed invocation, or a
/// worker that goes away during it, throws <see cref="WorkerInvocationException"/>.</summary>
internal sealed class WorkerFunctionDispatcher(WorkerChannel channel) : IFunctionDispatcher
{
    public Task RunQueueFunctionAsync(string functionName, QueueMessage message, CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, TypedData>
        {
            ["QueueTrigger"] = new() { String = message.Body.ToString() },
            ["Id"] = new() { String = message.MessageId },
            ["PopReceipt"] = new() { String = message.PopReceipt },
            ["DequeueCount"] = new() { Json = message.DequeueCount.ToString(CultureInfo.InvariantCulture) },
            ["InsertionTime"] = Time(message.InsertedOn),
            ["ExpirationTime"] = Time(message.ExpiresOn),
            ["NextVisibleTime"] = Time(message.NextVisibleOn),
        };
        return InvokeAsync(functionName, new TypedData { String = message.Body.ToString() }, metadata, cancellationToken);
    }

    public Task RunTimerFunctionAsync(string functionName, bool isPastDue, CancellationToken cancellationToken) =>
        InvokeAsync(functionName, new TypedData { Json = JsonSerializer.Serialize(new { IsPastDue = isPastDue }) }, [], cancellationToken);

    private async Task InvokeAsync(string functionName, TypedData input, Dictionary<string, TypedData> metadata, CancellationToken cancellationToken)
    {
        InvocationResponse response;
        try
        {
            var session = await channel.WaitAsync(cancellationToken);
            var function = session.Functions.SingleOrDefault(f => f.Name == functionName)
                ?? throw new WorkerInvocationException($"The worker has no function {functionName}.");
            var request = function.NewInvocation();
            request.InputData.Add(new ParameterBinding { Name = function.TriggerName, Data = input });
            request.TriggerMetadata.Add(metadata);
            response = await session.InvokeAsync(request, cancellationToken);
        }
        catch (WorkerUnavailableException exception)
        {
            throw new WorkerInvocationException($"{functionName} did not run: {exception.Message}", exception);
        }

        if (response.Result.Status != StatusResult.Types.Status.Success)
        {
            throw new WorkerInvocationException($"{functionName} failed in the worker: {response.Result.Exception?.Type} {response.Result.Exception?.Message}{Environment.NewLine}{response.Result.Exception?.StackTrace}");
        }
    }

    private static TypedData Time(DateTimeOffset? time) =>
        new() { Json = time is { } value ? JsonSerializer.Serialize(value) : "null" };
}

/// <summary>A function the worker ran failed, or could not run; the trigger runtime retries.</summary>
public sealed class WorkerInvocationException(string message, Exception? inner = null) : Exception(message, inner);
