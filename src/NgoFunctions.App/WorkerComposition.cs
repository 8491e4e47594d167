using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;
using NgoFunctions.App.Access;
using NgoFunctions.App.Http;
using NgoFunctions.Core;
using NgoFunctions.Core.Telemetry;

namespace NgoFunctions.App;

/// <summary>Everything the isolated worker registers, in one place, so what ships (<c>Program</c>) and
/// the test that builds the worker's container with validation on are the same code.</summary>
public static class WorkerComposition
{
    /// <summary>Configures <paramref name="builder"/>: the ASP.NET Core HTTP integration, the failure
    /// and key middleware, the application services, the pages and telemetry.</summary>
    public static FunctionsApplicationBuilder Configure(FunctionsApplicationBuilder builder)
    {
        builder.ConfigureFunctionsWebApplication();

        // After ConfigureFunctionsWebApplication, so the HTTP proxying middleware is outside it and an
        // exception of an HTTP function is answered as problem+json on its HttpContext (FailureAnswers).
        builder.UseMiddleware<HttpFailureMiddleware>();
        // Inside the failure middleware, so a storage failure of an NGO key lookup is a 503 problem too.
        builder.UseMiddleware<RequiresKeyMiddleware>();
        builder.Services.AddNgoFunctions(builder.Configuration).AddNgoFunctionsPages().AddNgoFunctionsHttp();
        builder.Services.AddNgoTelemetry(builder.Configuration).UseFunctionsWorkerDefaults();
        return builder;
    }
}
