using System.Diagnostics;
using System.Text.Json.Nodes;

namespace NgoFunctions.Core.Telemetry;

/// <summary>One request's journey is one trace: the queue sender writes the current W3C trace context
/// into every message (<c>traceParent</c>), and each queue handler starts its activity as a child of
/// it, so intake, routing and the notification share one trace id.</summary>
public static class Tracing
{
    /// <summary>The activity source of the application (add it to the tracer provider).</summary>
    public const string SourceName = "NgoFunctions";

    /// <summary>The message property that carries the W3C <c>traceparent</c>.</summary>
    public const string TraceParentProperty = "traceParent";

    /// <summary>The application's activity source. Immutable and thread-safe, so shared.</summary>
    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the consumer activity for handling <paramref name="messageBody"/> in
    /// <paramref name="operation"/> (e.g. <c>RouteRequest</c>), as a child of the trace the message
    /// carries, or of none. <c>null</c> when nobody listens.</summary>
    public static Activity? StartHandling(string operation, string messageBody)
    {
        ActivityContext parent = default;
        try
        {
            if (JsonNode.Parse(messageBody) is JsonObject message
                && message[TraceParentProperty]?.GetValue<string>() is { } traceParent)
            {
                _ = ActivityContext.TryParse(traceParent, null, out parent);
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // An unreadable message gets a trace of its own; its handler says what is wrong with it.
        }
        catch (InvalidOperationException)
        {
            // traceParent of another JSON type: ignored likewise.
        }

        return Source.StartActivity(operation, ActivityKind.Consumer, parent);
    }

    /// <summary>Adds the current trace context to a message about to be queued.</summary>
    public static void Stamp(JsonObject message)
    {
        if (Activity.Current is { } current)
        {
            message[TraceParentProperty] = current.Id;
        }
    }
}
