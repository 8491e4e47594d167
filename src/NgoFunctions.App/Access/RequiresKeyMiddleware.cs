using System.Collections.Concurrent;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace NgoFunctions.App.Access;

/// <summary>The worker middleware that enforces <see cref="RequiresKeyAttribute"/>: before a protected
/// HTTP function runs, <see cref="KeyGate"/> checks the caller's key; a refusal becomes the invocation's
/// result (answered by the HTTP integration) and the function does not run. Functions without the
/// declaration pass through. Declarations are read once per function.</summary>
public sealed class RequiresKeyMiddleware(KeyGate gate) : IFunctionsWorkerMiddleware
{
    private readonly ConcurrentDictionary<string, RequiresKeyAttribute?> _declarations = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var declaration = _declarations.GetOrAdd(context.FunctionDefinition.EntryPoint, KeyDeclarations.ForEntryPoint);
        if (declaration is not null)
        {
            var http = context.GetHttpContext()
                ?? throw new InvalidOperationException($"{context.FunctionDefinition.Name} declares a key but is not an HTTP function.");
            if (await gate.RefuseAsync(http.Request, declaration.Role, context.CancellationToken) is { } refusal)
            {
                context.GetInvocationResult().Value = refusal;
                return;
            }
        }

        await next(context);
    }
}
