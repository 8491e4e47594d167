using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using NgoFunctions.App;
using NgoFunctions.Core;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddNgoFunctions(builder.Configuration).AddNgoFunctionsPages();
builder.Build().Run();
