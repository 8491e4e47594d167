using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using NgoFunctions.App;

WorkerComposition.Configure(FunctionsApplication.CreateBuilder(args)).Build().Run();
