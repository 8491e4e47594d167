using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace NgoFunctions.Core.Webhooks;

/// <summary>The HTTP client webhooks are POSTed with (<see cref="Name"/>): no redirects followed (a
/// redirect could lead anywhere), every connection checked against <see cref="WebhookUrlRule.MayConnect"/>
/// after the name is resolved (a public name that resolves to a private address is refused outside
/// Development), one short in-process retry of a failure that passes in a moment, each try at most
/// <see cref="WebhookOptions.TimeoutSeconds"/>, through Microsoft.Extensions.Http.Resilience. A longer
/// outage is waited out on the queue (<see cref="WebhookDelivery"/>). No request logging: an NGO's URL may
/// carry a token of its own in its query.</summary>
public static class WebhookHttpClient
{
    /// <summary>The named client.</summary>
    public const string Name = "webhooks";

    /// <summary>Registers the named client and its resilience pipeline.</summary>
    public static IServiceCollection AddWebhookHttpClient(this IServiceCollection services)
    {
        services.AddHttpClient(Name)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var rule = sp.GetRequiredService<WebhookUrlRule>();
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    ConnectCallback = (context, cancellationToken) => ConnectAsync(rule, context.DnsEndPoint, cancellationToken),
                };
            })
            .AddResilienceHandler("webhook", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<WebhookOptions>>().Value;
                pipeline
                    .AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = 1,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = TimeSpan.FromMilliseconds(200),
                        ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException { InnerException: not WebhookAddressRefusedException } && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
                    })
                    .AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds));
            });
        return services;
    }

    // Resolves the host and connects to the first address the rule allows; none allowed: refused.
    private static async ValueTask<Stream> ConnectAsync(WebhookUrlRule rule, DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = addresses.Where(rule.MayConnect).ToArray();
        if (allowed.Length == 0)
        {
            throw new WebhookAddressRefusedException();
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>The endpoint's host resolves only to addresses a delivery may not connect to (<see cref="WebhookUrlRule"/>).</summary>
public sealed class WebhookAddressRefusedException() : IOException("The webhook's host resolves only to local or private addresses.");
