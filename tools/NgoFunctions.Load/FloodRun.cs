using System.Net;
using Azure.Data.Tables;

namespace NgoFunctions.Load;

/// <summary>A one-address flood among genuine citizens (the intake limits' measurement): the flood's
/// submissions at concurrency C from one address, while the genuine requests (one every so often,
/// each from an address and phone of its own, urgencies mixed) arrive in the same minutes. Then it waits
/// until routing decided every stored request and reports: genuine requests accepted and decided
/// (Routed or Waitlisted: in line; goal all), flood requests stored (goal at most the per-address limit)
/// and NGO places the flood took. Exit code 1 when a goal is missed.</summary>
public static class FloodRun
{
    private const string FloodAddress = "198.51.100.66";
    private static readonly string[] Urgencies = ["emergency", "urgent", "normal"];

    /// <summary>Runs it and writes the report.</summary>
    public static async Task<int> RunAsync(LoadOptions options, FloodOptions flood, TextWriter output, CancellationToken cancellationToken)
    {
        if (options.ClientHeader is null)
        {
            output.WriteLine("A flood run needs --client-header, trusted by the system (IntakeLimits__ForwardedForHeader), to tell the addresses apart.");
            return 2;
        }

        using var http = new HttpClient { BaseAddress = options.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        var system = new SystemClient(http, options.AdminKey, options.ClientHeader);
        var table = new RequestTable(new TableClient(options.StorageConnection, options.RequestsTable));
        var targets = await system.TargetsAsync(cancellationToken);
        output.WriteLine($"flood of {flood.Flood} from {FloodAddress} at concurrency {options.Concurrency}, among {flood.Genuine} genuine requests, to {options.BaseUrl}");

        var random = new Random(11);
        var floodTargets = Enumerable.Range(0, flood.Flood).Select(_ => targets[random.Next(targets.Count)]).ToArray();
        var flooding = Task.Run(async () =>
        {
            var answers = new SystemClient.Submitted[flood.Flood];
            await Parallel.ForAsync(0, flood.Flood, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
                async (i, ct) => answers[i] = await system.SubmitAsync(floodTargets[i], i, ct, address: FloodAddress, phone: $"+96394{i % 10_000_000:D7}"));
            return answers;
        }, cancellationToken);

        // The citizens, spread over the flood: one every 50 ms, each from its own address and phone
        // (Syrian mobile numbers, +963 94… for the flood and +963 99… for them, so neither is refused as invalid).
        var genuine = new List<SystemClient.Submitted>();
        for (var i = 0; i < flood.Genuine; i++)
        {
            var target = targets[random.Next(targets.Count)];
            genuine.Add(await system.SubmitAsync(target, 100_000 + i, cancellationToken,
                address: $"10.200.{i / 256}.{i % 256}", phone: $"+96399{i % 10_000_000:D7}", urgency: Urgencies[i % Urgencies.Length]));
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }

        var floodAnswers = await flooding;
        var floodStored = floodAnswers.Where(a => a.TrackingCode is not null).Select(a => a.TrackingCode!).ToList();
        var genuineStored = genuine.Where(a => a.TrackingCode is not null).Select(a => a.TrackingCode!).ToList();

        var statuses = await DecidedAsync(table, floodStored.Concat(genuineStored).ToList(), options, cancellationToken);
        var genuineDecided = genuineStored.Count(c => statuses.GetValueOrDefault(c) is "Routed" or "Waitlisted");
        var placesTakenByFlood = floodStored.Count(c => statuses.GetValueOrDefault(c) == "Routed");

        var answers = string.Join(", ", floodAnswers.GroupBy(a => (int)a.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}"));
        output.WriteLine($"flood                      {floodStored.Count} stored (limit {flood.PerAddressLimit}); answers {answers}");
        output.WriteLine($"NGO places the flood took  {placesTakenByFlood}");
        output.WriteLine($"genuine                    {genuineStored.Count} of {flood.Genuine} accepted; {genuineStored.Count(c => statuses.GetValueOrDefault(c) == "Routed")} Routed, {genuineStored.Count(c => statuses.GetValueOrDefault(c) == "Waitlisted")} Waitlisted, {genuineStored.Count(c => statuses.GetValueOrDefault(c) == "Unroutable")} Unroutable, {genuineStored.Count(c => !statuses.ContainsKey(c))} undecided");
        var met = floodStored.Count <= flood.PerAddressLimit && genuineStored.Count == flood.Genuine && genuineDecided == flood.Genuine;
        output.WriteLine($"goals                      {(met ? "met" : "missed")}: flood stored at most the per-address limit, every genuine request accepted and Routed or Waitlisted");
        return met ? 0 : 1;
    }

    // Each stored request's status once routing decided it (Routed, Waitlisted or Unroutable), until the timeout.
    private static async Task<Dictionary<string, string>> DecidedAsync(RequestTable table, List<string> codes, LoadOptions options, CancellationToken cancellationToken)
    {
        var decided = new Dictionary<string, string>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + options.Timeout;
        while (decided.Count < codes.Count && DateTime.UtcNow < deadline)
        {
            foreach (var code in codes.Where(c => !decided.ContainsKey(c)))
            {
                if (await table.FindAsync(code, cancellationToken) is { Status: var status } && RequestTable.IsDecided(status))
                {
                    decided[code] = status;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        return decided;
    }
}
