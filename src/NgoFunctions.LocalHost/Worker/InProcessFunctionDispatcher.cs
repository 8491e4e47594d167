using System.Reflection;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;

namespace NgoFunctions.LocalHost.Worker;

/// <summary><see cref="WorkerMode.InProcess"/> only: runs a queue or timer function's class in this
/// process, found by its <c>[Function]</c> name, created from this container, its trigger parameter
/// given the message text or a <see cref="TimerInfo"/> and its <see cref="CancellationToken"/> the
/// runtime's.</summary>
internal sealed class InProcessFunctionDispatcher(IServiceProvider services) : IFunctionDispatcher
{
    // Found once (this is a singleton), not on every message: name -> method of every [Function].
    private readonly Lazy<IReadOnlyDictionary<string, MethodInfo>> _functions = new(() =>
        (from type in typeof(App.AppServiceCollectionExtensions).Assembly.GetExportedTypes()
         from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
         let function = method.GetCustomAttribute<FunctionAttribute>()
         where function is not null
         select (function.Name, method)).ToDictionary(f => f.Name, f => f.method, StringComparer.Ordinal));

    public Task RunQueueFunctionAsync(string functionName, QueueMessage message, CancellationToken cancellationToken) =>
        InvokeAsync(functionName, message.Body.ToString(), cancellationToken);

    public Task RunTimerFunctionAsync(string functionName, bool isPastDue, CancellationToken cancellationToken) =>
        InvokeAsync(functionName, new TimerInfo { IsPastDue = isPastDue }, cancellationToken);

    private async Task InvokeAsync(string functionName, object trigger, CancellationToken cancellationToken)
    {
        var method = _functions.Value[functionName];
        var instance = ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        try
        {
            await (Task)method.Invoke(instance, [trigger, cancellationToken])!;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is { } inner)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(inner);
        }
    }
}
