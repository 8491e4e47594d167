using System.Text.Json;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Closure;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.NgoActions;
using NgoFunctions.Core.Outcomes;
using NgoFunctions.Core.Requests;

namespace NgoFunctions.LocalHost;

/// <summary>Fills a local demo with sample service requests once the host has started, when
/// <see cref="LocalHostOptions.SeedRequestsFile"/> is set: each goes through the intake service (the
/// form's path), is routed by the running queue triggers like any other, and then the NGO it reached
/// acts on it as the file says (accept, start, resolve, or decline with a reason), through the NGO
/// side's own service, and the citizen answers a resolution (<c>citizen:yes</c>, <c>citizen:no</c>)
/// through the closure service. So the ministry's dashboard opens on a flow with every outcome: closed
/// with the citizen's yes, sent back, resolved and awaiting an answer, in progress, declined and
/// re-routed, and Unroutable in coverage gaps. Only into an empty store: once
/// any request exists (a store kept across restarts, or requests of the operator's own), nothing is
/// added, so restarting never doubles the demo.</summary>
public sealed partial class DemoRequestSeeder(
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    IOptions<LocalHostOptions> options,
    ILogger<DemoRequestSeeder> logger) : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan RoutingWait = TimeSpan.FromSeconds(30);
    private const string CitizenAnswer = "citizen";

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.SeedRequestsFile) || !await StartedAsync(stoppingToken))
        {
            return;
        }

        List<SeedRequest> entries;
        await using (var file = File.OpenRead(options.Value.SeedRequestsFile))
        {
            entries = await JsonSerializer.DeserializeAsync<List<SeedRequest>>(file, Json, stoppingToken) ?? [];
        }

        if (await services.GetRequiredService<ServiceRequestStore>().AnyAsync(stoppingToken))
        {
            LogStoreNotEmpty();
            return;
        }

        var intake = services.GetRequiredService<ServiceRequestIntake>();
        var submitted = new List<(SeedRequest Entry, string Code)>();
        foreach (var entry in entries)
        {
            var result = await intake.SubmitAsync(new SubmitServiceRequest
            {
                Sector = entry.Sector,
                Governorate = entry.Governorate,
                District = entry.District,
                Description = entry.Description,
                Urgency = entry.Urgency,
                Consent = true,
                Language = "ar",
            }, stoppingToken);
            if (result is not Outcome<IntakeReceipt>.Done { Value: { Duplicate: false } accepted })
            {
                throw new InvalidDataException($"Sample request {entries.IndexOf(entry) + 1} is invalid: {result}");
            }

            submitted.Add((entry, accepted.TrackingCode.Value));
        }

        var acted = 0;
        foreach (var (entry, code) in submitted.Where(s => s.Entry.NgoActions is { Count: > 0 }))
        {
            acted += await ActAsync(code, entry.NgoActions!, stoppingToken) ? 1 : 0;
        }

        LogSeeded(submitted.Count, acted);
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    // Waits for the router, then plays the NGO's part; false when the request found no NGO in time.
    private async Task<bool> ActAsync(string code, IReadOnlyList<string> actions, CancellationToken stoppingToken)
    {
        var store = services.GetRequiredService<ServiceRequestStore>();
        var cases = services.GetRequiredService<NgoCaseActions>();
        var closure = services.GetRequiredService<ClosureConfirmation>();
        var deadline = DateTime.UtcNow + RoutingWait;
        string? ngoId;
        while ((ngoId = (await store.FindAsync(code, stoppingToken)) is { Status: nameof(RequestStatus.Routed) } routed ? routed.AssignedNgoId : null) is null)
        {
            if (DateTime.UtcNow > deadline)
            {
                LogNotRouted(code);
                return false;
            }

            await Task.Delay(200, stoppingToken);
        }

        foreach (var action in actions)
        {
            // "decline:{reason}"; "resolve" (successful) or "resolve:{reason}" (not successful, for that reason);
            // "citizen:yes" or "citizen:no", the citizen's answer to the resolution.
            var (name, reason) = action.Split(':', 2) is [var n, var r] ? (n, r) : (action, null);
            if (name == CitizenAnswer)
            {
                if (await closure.AnswerAsync(code, reason == "yes", stoppingToken) is not Outcome<ClosureAnswer>.Done)
                {
                    LogActionRefused(code, action);
                    return false;
                }

                continue;
            }

            var kind = Enum.Parse<NgoCaseAction>(name, ignoreCase: true);
            var outcome = kind != NgoCaseAction.Resolve ? null : reason is null ? ResolutionOutcomes.Successful : ResolutionOutcomes.NotSuccessful;
            var command = new NgoCaseCommand(kind, Language.En, reason, Outcome: outcome);
            if (await cases.ApplyAsync(ngoId, code, command, stoppingToken) is not Outcome<NgoCaseView>.Done)
            {
                LogActionRefused(code, action);
                return false;
            }
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} sample requests; NGOs acted on {Acted} of them")]
    private partial void LogSeeded(int count, int acted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Requests are stored already: no sample requests added")]
    private partial void LogStoreNotEmpty();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sample request {TrackingCode} was not routed in time; its NGO actions are skipped")]
    private partial void LogNotRouted(string trackingCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sample request {TrackingCode}: the NGO action {Action} was refused")]
    private partial void LogActionRefused(string trackingCode, string action);

    private sealed record SeedRequest(
        string? Sector, string? Governorate, string? District, string? Description, string? Urgency, IReadOnlyList<string>? NgoActions);
}
