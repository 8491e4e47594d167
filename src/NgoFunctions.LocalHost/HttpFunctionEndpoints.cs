using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Access;

namespace NgoFunctions.LocalHost;

/// <summary>Maps every HTTP-triggered function of the Functions app to an ASP.NET Core endpoint under
/// <c>/api</c>, read from the same <c>[Function]</c> and <c>[HttpTrigger]</c> attributes the Worker
/// SDK reads, so the two hosts serve the same routes by construction. Each call checks the function's
/// <see cref="RequiresKeyAttribute"/> with the same <see cref="KeyGate"/> as the worker's middleware, creates
/// the function class from the container (as the Functions worker does) and runs its
/// <see cref="IActionResult"/>. <see cref="Worker.WorkerMode.InProcess"/> only.</summary>
public static class HttpFunctionEndpoints
{
    /// <summary>The Functions host's default route prefix.</summary>
    public const string RoutePrefix = "api";

    /// <summary>One HTTP function: its name, methods (upper case) and route template without the prefix.</summary>
    /// <param name="Name">Function name.</param>
    /// <param name="Methods">HTTP methods, upper case.</param>
    /// <param name="Route">Route template, e.g. <c>requests/{trackingCode}</c>.</param>
    /// <param name="Method">The method to call.</param>
    public sealed record HttpFunction(string Name, IReadOnlyList<string> Methods, string Route, MethodInfo Method);

    /// <summary>Every HTTP function in <paramref name="assembly"/>.</summary>
    public static IReadOnlyList<HttpFunction> Discover(Assembly assembly) =>
        (from type in assembly.GetExportedTypes()
         from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
         let function = method.GetCustomAttribute<FunctionAttribute>()
         let trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)
         where function is not null && trigger is not null
         select new HttpFunction(
             function.Name,
             (trigger.Methods ?? ["get", "post"]).Select(m => m.ToUpperInvariant()).ToList(),
             trigger.Route ?? function.Name,
             method)).ToList();

    /// <summary>Maps the HTTP functions of <paramref name="assembly"/>. Throws
    /// <see cref="NotSupportedException"/> at start-up for a parameter this host cannot bind.</summary>
    public static IEndpointRouteBuilder MapHttpFunctions(this IEndpointRouteBuilder endpoints, Assembly assembly)
    {
        foreach (var function in Discover(assembly))
        {
            var binders = function.Method.GetParameters().Select(Binder).ToArray();
            var declaration = KeyDeclarations.For(function.Method);
            endpoints.MapMethods($"/{RoutePrefix}/{function.Route}", function.Methods, async context =>
            {
                // The worker's RequiresKeyMiddleware, in this mode: the same gate before the function.
                if (declaration is not null
                    && await context.RequestServices.GetRequiredService<KeyGate>().RefuseAsync(context.Request, declaration.Role, context.RequestAborted) is { } refusal)
                {
                    await refusal.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                    return;
                }

                var instance = ActivatorUtilities.GetServiceOrCreateInstance(context.RequestServices, function.Method.DeclaringType!);
                var result = function.Method.Invoke(instance, binders.Select(b => b(context)).ToArray());
                var actionResult = result switch
                {
                    Task<IActionResult> task => await task,
                    IActionResult direct => direct,
                    _ => throw new NotSupportedException($"{function.Name} returns {function.Method.ReturnType}; expected IActionResult."),
                };
                await actionResult.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
            }).WithName(function.Name);
        }

        return endpoints;
    }

    private static Func<HttpContext, object?> Binder(ParameterInfo parameter) => parameter switch
    {
        _ when parameter.ParameterType == typeof(HttpRequest) => c => c.Request,
        _ when parameter.ParameterType == typeof(CancellationToken) => c => c.RequestAborted,
        _ when parameter.ParameterType == typeof(string) => c => c.GetRouteValue(parameter.Name!)?.ToString(),
        _ => throw new NotSupportedException($"Cannot bind parameter {parameter.Name} of {parameter.Member.DeclaringType?.Name}.{parameter.Member.Name}."),
    };
}
