using System.Text.Json;
using NgoFunctions.LocalHost.FunctionRpc;

namespace NgoFunctions.LocalHost.Worker;

/// <summary>One function as the worker reported it (<c>FunctionMetadataResponse</c>): its id for
/// invocations and its trigger, read from the raw binding JSON the Worker SDK generated from the
/// function's attributes.</summary>
/// <param name="Name">Function name, e.g. <c>SubmitRequest</c>.</param>
/// <param name="FunctionId">The id invocations name.</param>
/// <param name="TriggerType"><c>httpTrigger</c>, <c>queueTrigger</c> or <c>timerTrigger</c>.</param>
/// <param name="TriggerName">The trigger parameter's name (the input binding an invocation fills).</param>
/// <param name="Route">HTTP only: route template without the <c>api/</c> prefix.</param>
/// <param name="Methods">HTTP only: methods, upper case; empty for any.</param>
/// <param name="QueueName">Queue only: the queue expression, e.g. <c>%Queues:Notifications%</c>.</param>
/// <param name="Schedule">Timer only: the schedule expression, e.g. <c>%Sla:SweepSchedule%</c>.</param>
public sealed record WorkerFunction(
    string Name,
    string FunctionId,
    string TriggerType,
    string TriggerName,
    string? Route,
    IReadOnlyList<string> Methods,
    string? QueueName,
    string? Schedule)
{
    /// <summary>The HTTP trigger's type name in function metadata.</summary>
    public const string HttpTrigger = "httpTrigger";

    /// <summary>The queue trigger's type name in function metadata.</summary>
    public const string QueueTrigger = "queueTrigger";

    /// <summary>The timer trigger's type name in function metadata.</summary>
    public const string TimerTrigger = "timerTrigger";

    /// <summary>A new invocation of this function, with a fresh invocation id and the current trace
    /// context (the worker reads the trace context of every invocation, so it is never left out).</summary>
    internal InvocationRequest NewInvocation()
    {
        var activity = System.Diagnostics.Activity.Current;
        return new InvocationRequest
        {
            InvocationId = Guid.NewGuid().ToString(),
            FunctionId = FunctionId,
            TraceContext = new RpcTraceContext { TraceParent = activity?.Id ?? string.Empty, TraceState = activity?.TraceStateString ?? string.Empty },
        };
    }

    internal static WorkerFunction From(RpcFunctionMetadata metadata)
    {
        foreach (var raw in metadata.RawBindings)
        {
            using var binding = JsonDocument.Parse(raw);
            var root = binding.RootElement;
            var type = Text(root, "type");
            if (type is null || !type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var methods = root.TryGetProperty("methods", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToList()
                : [];
            return new WorkerFunction(
                metadata.Name, metadata.FunctionId, type, Text(root, "name") ?? string.Empty,
                type.Equals(HttpTrigger, StringComparison.OrdinalIgnoreCase) ? Text(root, "route") ?? metadata.Name : null,
                methods, Text(root, "queueName"), Text(root, "schedule"));
        }

        throw new InvalidOperationException($"The worker reported function {metadata.Name} without a trigger binding.");
    }

    private static string? Text(JsonElement element, string name) =>
        element.EnumerateObject().FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: JsonValueKind.String } property
            ? property.Value.GetString()
            : null;
}
