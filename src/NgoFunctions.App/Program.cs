using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using NgoFunctions.App;
using NgoFunctions.App.Http;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using NgoFunctions.Core;
using NgoFunctions.Core.Telemetry;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// After ConfigureFunctionsWebApplication, so the HTTP proxying middleware is outside it and an
// exception of an HTTP function is answered as problem+json on its HttpContext (FailureAnswers).
builder.UseMiddleware<HttpFailureMiddleware>();
builder.Services.AddNgoFunctions(builder.Configuration).AddNgoFunctionsPages().AddNgoFunctionsFailureAnswers();
builder.Services.AddNgoTelemetry(builder.Configuration).UseFunctionsWorkerDefaults();
builder.Build().Run();
