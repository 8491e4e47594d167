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
    private static readonly Assembly FunctionsApp = typeof(App.AppServiceCollectionExtensions).Assembly;

    public Task RunQueueFunctionAsync(string functionName, QueueMessage message, CancellationToken cancellationToken) =>
        InvokeAsync(functionName, message.Body.ToString(), cancellationToken);

    public Task RunTimerFunctionAsync(string functionName, bool isPastDue, CancellationToken cancellationToken) =>
        InvokeAsync(functionName, new TimerInfo { IsPastDue = isPastDue }, cancellationToken);

    private async Task InvokeAsync(string functionName, object trigger, CancellationToken cancellationToken)
    {
        var method = (from type in FunctionsApp.GetExportedTypes()
                      from candidate in type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                      where candidate.GetCustomAttribute<FunctionAttribute>()?.Name == functionName
                      select candidate).Single();
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
