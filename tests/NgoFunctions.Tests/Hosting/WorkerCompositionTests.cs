using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NgoFunctions.App;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Hosting;

/// <summary>The isolated worker's own container, as <c>Program</c> builds it (<see cref="WorkerComposition"/>),
/// with the service provider's validation on: every registration resolves, no singleton captures a scoped
/// service, and every function class the Functions host would invoke can be created from it.</summary>
[Trait("Category", "Unit")]
public sealed class WorkerCompositionTests
{
    [Fact]
    public void WorkerContainer_ValidatesOnBuild_AndCreatesEveryFunctionClass()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new TestNames().Settings("UseDevelopmentStorage=true"));
        builder.Services.Configure<HostOptions>(_ => { });
        WorkerComposition.Configure(builder);
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));

        using var host = builder.Build();
        using var scope = host.Services.CreateScope();
        var functionClasses = typeof(WorkerComposition).Assembly.GetExportedTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
            .ToList();

        Assert.True(functionClasses.Count >= 20, $"only {functionClasses.Count} function classes found");
        Assert.All(functionClasses, type => Assert.NotNull(ActivatorUtilities.CreateInstance(scope.ServiceProvider, type)));
    }
}
