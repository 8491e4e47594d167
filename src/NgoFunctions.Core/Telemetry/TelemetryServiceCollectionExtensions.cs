using System.Diagnostics;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace NgoFunctions.Core.Telemetry;

/// <summary>Registers OpenTelemetry tracing for both hosts.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Traces HTTP in and out and the application's own spans; exports to the console when
    /// <c>Telemetry:Console</c> is set and to Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>
    /// is. Bot tokens in span names and tags are masked before any exporter sees them
    /// (<see cref="BotTokenRedaction"/>), and so are Table Storage keys and filters in storage URLs
    /// (<see cref="StorageKeyRedaction"/>). Returns the builder so a host can add more (the Functions worker's defaults, a test exporter).</summary>
    public static OpenTelemetryBuilder AddNgoTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var appInsights = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        var clientId = configuration["AZURE_CLIENT_ID"];
        return services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("ngofunctions"))
            .WithTracing(tracing =>
            {
                // Outgoing calls only inside a traced operation: the queue runtime polls storage every
                // second, and a trace per poll would bury the requests' own traces.
                tracing.AddSource(Tracing.SourceName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = _ => Activity.Current?.Parent is not null)
                    // Before every exporter (processors run in the order they are added): the Bot API
                    // takes the bot token in its URL path.
                    .AddProcessor(new BotTokenRedaction())
                    // Storage URLs name entity keys (a chat id, a tracking code) in their paths and filters.
                    .AddProcessor(new StorageKeyRedaction());
                if (options.Console)
                {
                    tracing.AddConsoleExporter();
                }

                if (!string.IsNullOrWhiteSpace(appInsights))
                {
                    tracing.AddAzureMonitorTraceExporter(exporter =>
                    {
                        exporter.ConnectionString = appInsights;
                        if (!string.IsNullOrWhiteSpace(clientId))
                        {
                            exporter.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
                        }
                    });
                }
            });
    }
}
