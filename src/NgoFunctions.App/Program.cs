using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using NgoFunctions.App;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using NgoFunctions.Core;
using NgoFunctions.Core.Telemetry;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddNgoFunctions(builder.Configuration).AddNgoFunctionsPages();
builder.Services.AddNgoTelemetry(builder.Configuration).UseFunctionsWorkerDefaults();
builder.Build().Run();
