using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Primitives;

namespace NgoFunctions.LocalHost.Worker;

/// <summary>The HTTP routes of the connected worker's functions, as the Functions host builds them:
/// <c>api/</c> + each HTTP trigger's route (its function name when it has none) and methods, from the
/// metadata the worker reported. Rebuilt when another worker connects; empty until one is ready
/// (<see cref="WorkerReadiness"/> holds requests until then).</summary>
internal sealed class WorkerHttpEndpoints(WorkerChannel channel) : EndpointDataSource
{
    /// <summary>The Functions host's default route prefix.</summary>
    public const string RoutePrefix = "api";

    // Built once per worker session, not on every read of Endpoints; one reference, so a reader on another
    // thread sees a whole pair or the previous one.
    private Built? _built;

    public override IReadOnlyList<Endpoint> Endpoints
    {
        get
        {
            if (channel.Current is not { } session)
            {
                return [];
            }

            if (_built is not { } built || !ReferenceEquals(built.Session, session))
            {
                built = new Built(session, session.Functions
                    .Where(f => f.TriggerType.Equals(WorkerFunction.HttpTrigger, StringComparison.OrdinalIgnoreCase)).Select(Build).ToList());
                _built = built;
            }

            return built.Endpoints;
        }
    }

    public override IChangeToken GetChangeToken() => channel.GetChangeToken();

    private static Endpoint Build(WorkerFunction function, int order)
    {
        var builder = new RouteEndpointBuilder(
            context => context.RequestServices.GetRequiredService<WorkerHttpInvoker>().InvokeAsync(context, function),
            RoutePatternFactory.Parse($"{RoutePrefix}/{function.Route}"),
            order) { DisplayName = function.Name };
        if (function.Methods.Count > 0)
        {
            builder.Metadata.Add(new HttpMethodMetadata(function.Methods));
        }

        builder.Metadata.Add(new EndpointNameMetadata(function.Name));
        return builder.Build();
    }

    private sealed record Built(WorkerSession Session, IReadOnlyList<Endpoint> Endpoints);
}
