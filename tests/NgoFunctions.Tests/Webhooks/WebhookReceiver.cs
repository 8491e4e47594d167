using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NgoFunctions.Core.Webhooks;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Webhooks;

/// <summary>An NGO's webhook endpoint for a test: a real Kestrel listener on 127.0.0.1 that records every
/// POST to <c>/hooks/{name}</c> (headers and raw body) and answers 200, or the status set in
/// <see cref="FailWith"/> (the endpoint down for a while).</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>One POST as it arrived.</summary>
    /// <param name="Name">The <c>{name}</c> of <c>/hooks/{name}</c>.</param>
    /// <param name="Signature"><c>X-Signature</c>.</param>
    /// <param name="Timestamp"><c>X-Timestamp</c>.</param>
    /// <param name="EventId"><c>X-Webhook-Id</c>.</param>
    /// <param name="Body">The raw body.</param>
    /// <param name="AnsweredStatus">What the receiver answered.</param>
    public sealed record Received(string Name, string? Signature, string? Timestamp, string? EventId, byte[] Body, int AnsweredStatus)
    {
        /// <summary>The body as JSON.</summary>
        public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

        /// <summary>Whether the receiver took it (answered 200).</summary>
        public bool Taken => AnsweredStatus == StatusCodes.Status200OK;

        /// <summary>The event's sequence in its request's trail.</summary>
        public int Sequence => Json["sequence"]!.GetValue<int>();
    }

    /// <summary>When not 0, every POST is answered with this status (and not taken).</summary>
    public int FailWith { get; set; }

    /// <summary>The listener's base address, e.g. <c>http://127.0.0.1:5123</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Everything received, in arrival order.</summary>
    public IReadOnlyList<Received> All => _received.ToArray();

    /// <summary>The URL to register for <paramref name="name"/>.</summary>
    public string UrlFor(string name) => $"{BaseUrl}/hooks/{name}";

    /// <summary>What <paramref name="name"/>'s endpoint took, in arrival order.</summary>
    public IReadOnlyList<Received> Taken(string name) => All.Where(r => r.Name == name && r.Taken).ToList();

    /// <summary>Starts a listener on a free port of 127.0.0.1.</summary>
    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/{name}", receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return receiver;
    }

    /// <summary>Waits until <paramref name="name"/>'s endpoint took <paramref name="count"/> distinct events; returns what it took.</summary>
    public async Task<IReadOnlyList<Received>> WaitForTakenAsync(string name, int count, TimeSpan within) => await Eventually.ReadsAsync(
        () => Task.FromResult(Taken(name)),
        taken => taken.Select(r => r.EventId).Distinct().Count() >= count,
        within,
        $"{count} events taken by {name}",
        taken => string.Join(", ", taken.Select(r => $"{r.Json["type"]} {r.Json["status"]}")));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context, string name)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var status = FailWith == 0 ? StatusCodes.Status200OK : FailWith;
        _received.Enqueue(new Received(
            name,
            context.Request.Headers[WebhookSignature.Header].FirstOrDefault(),
            context.Request.Headers[WebhookSignature.TimestampHeader].FirstOrDefault(),
            context.Request.Headers[WebhookSignature.EventIdHeader].FirstOrDefault(),
            body.ToArray(),
            status));
        context.Response.StatusCode = status;
    }
}
