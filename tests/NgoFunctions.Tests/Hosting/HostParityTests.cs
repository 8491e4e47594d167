using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using NgoFunctions.App;
using NgoFunctions.LocalHost;
using NgoFunctions.LocalHost.Worker;
using QueueTriggerAttribute = Microsoft.Azure.WebJobs.QueueTriggerAttribute;
using TimerTriggerAttribute = Microsoft.Azure.WebJobs.TimerTriggerAttribute;
using WebJobsFunctionNameAttribute = Microsoft.Azure.WebJobs.FunctionNameAttribute;

namespace NgoFunctions.Tests.Hosting;

/// <summary>LocalHost serves exactly what the Worker SDK's <c>functions.metadata</c> declares for the
/// Functions app: same HTTP routes and methods (in-process mode; the worker process reports its own),
/// same queue- and timer-triggered functions on the same queues and schedules.</summary>
[Trait("Category", "Unit")]
public sealed class HostParityTests
{
    private static readonly JsonArray Metadata = (JsonArray)JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")))!;

    [Fact]
    public void HttpRoutes_EqualFunctionsMetadata()
    {
        var declared = Triggers("httpTrigger")
            .Select(t => $"{string.Join(",", t.Binding["methods"]!.AsArray().Select(m => m!.ToString().ToUpperInvariant()).Order())} /api/{t.Binding["route"]}")
            .Order(StringComparer.Ordinal)
            .ToList();

        // In-process mode maps the function classes' attributes itself; the worker process's routes are
        // its own metadata (WorkerProcessTests.WorkerRoutes_AreTheFunctionsMetadataRoutes).
        using var app = LocalHostApp.Build([], c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            [$"{WorkerHostOptions.SectionName}:Mode"] = nameof(WorkerMode.InProcess),
        }));
        var served = ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(s => s.Endpoints)
            .OfType<RouteEndpoint>()
            .Select(e => $"{string.Join(",", e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Order())} {e.RoutePattern.RawText}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(declared);
        Assert.Equal(declared, served);
    }

    [Fact]
    public void QueueTriggers_EqualFunctionsMetadata()
    {
        var declared = Triggers("queueTrigger")
            .Select(t => $"{t.Function} {t.Binding["queueName"]} {t.Binding["connection"]}")
            .Order(StringComparer.Ordinal)
            .ToList();

        var local = typeof(QueueTriggers).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => (Name: m.GetCustomAttribute<WebJobsFunctionNameAttribute>()!.Name,
                          Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<QueueTriggerAttribute>()).Single(a => a is not null)!))
            .Select(m => $"{m.Name} {m.Trigger.QueueName} {m.Trigger.Connection}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(declared);
        Assert.Equal(declared, local);
    }

    [Fact]
    public void TimerTriggers_EqualFunctionsMetadata()
    {
        var declared = Triggers("timerTrigger")
            .Select(t => $"{t.Function} {t.Binding["schedule"]}")
            .Order(StringComparer.Ordinal)
            .ToList();

        var local = typeof(TimerTriggers).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => (Name: m.GetCustomAttribute<WebJobsFunctionNameAttribute>()!.Name,
                          Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<TimerTriggerAttribute>()).Single(a => a is not null)!))
            .Select(m => $"{m.Name} {m.Trigger.ScheduleExpression}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(declared);
        Assert.Equal(declared, local);
    }

    [Fact]
    public void FunctionsMetadata_DescribesTheAppAssembly()
    {
        Assert.All(Metadata, f => Assert.Equal(typeof(AppServiceCollectionExtensions).Assembly.GetName().Name + ".dll", f!["scriptFile"]!.ToString()));
    }

    private static IEnumerable<(string Function, JsonObject Binding)> Triggers(string type) =>
        from function in Metadata
        from binding in function!["bindings"]!.AsArray()
        where binding!["type"]!.ToString() == type
        select (function["name"]!.ToString(), binding.AsObject());
}
