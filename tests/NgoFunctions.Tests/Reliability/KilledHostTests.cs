using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using NgoFunctions.Core.Security;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;
using Xunit.Abstractions;

namespace NgoFunctions.Tests.Reliability;

/// <summary>The host process killed (<c>kill -9</c>) while citizens submit requests, then started again:
/// every request that was answered 202 reaches a final routing decision soon after the restart (queue
/// messages the dead process held, and requests it stored without queueing, are queued again by the
/// stale-request sweep), nothing is routed twice, and the NGO's open-case counter equals its cases.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class KilledHostTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string AdminKey = "killed-host-admin-key";

    [Fact]
    public async Task HostKilledMidLoad_RestartedAtOnce_EveryAcceptedRequestRoutedOnce_CountersExact()
    {
        var names = new TestNames();
        var port = FreePort.Next();
        var baseUrl = $"http://127.0.0.1:{port}/api/";
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);

        using (var first = HostProcess.Start(names, azurite, port))
        {
            await first.WaitUntilUpAsync(http);
            var ngo = await http.PutAsJsonAsync("registry/ngos/damascus-clinic", new
            {
                name = new { ar = "عيادة دمشق", en = "Damascus clinic" },
                sectors = new[] { "health" },
                coverage = new[] { "SY01" },
                capacity = 1000,
            });
            Assert.True(ngo.IsSuccessStatusCode);

            // Citizens keep submitting; the process dies under them.
            var accepted = new ConcurrentBag<string>();
            using var stopLoad = new CancellationTokenSource();
            var submitters = Enumerable.Range(0, 8).Select(_ => SubmitUntilCancelledAsync(http, accepted, stopLoad.Token)).ToList();
            await Eventually.HoldsAsync(() => accepted.Count >= 60, TimeSpan.FromSeconds(60), "60 requests accepted before the kill");
            first.Kill();
            var killedAt = Stopwatch.StartNew();
            await stopLoad.CancelAsync();
            await Task.WhenAll(submitters);

            using var second = HostProcess.Start(names, azurite, port);
            await second.WaitUntilUpAsync(http);
            var restarted = killedAt.Elapsed;
            var driver = new DriverOnly(http);
            await Eventually.HoldsAsync(
                async () => (await Task.WhenAll(accepted.Select(driver.StatusAsync))).All(s => s == "Routed"),
                TimeSpan.FromMinutes(2),
                $"all {accepted.Count} accepted requests routed after the restart");
            var settled = killedAt.Elapsed - restarted;

            var tables = new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString);
            var cases = tables.GetTableClient(names.NgoCasesTable);
            var counter = (await cases.GetEntityAsync<NgoLoadEntity>("damascus-clinic", Keys.NgoLoadRow)).Value.OpenCases;
            var caseRows = cases.QueryAsync<Azure.Data.Tables.TableEntity>(Azure.Data.Tables.TableClient.CreateQueryFilter(
                $"PartitionKey eq {"damascus-clinic"} and RowKey ge {Keys.NgoCasePrefix} and RowKey lt {"case."}"));
            var held = 0;
            await foreach (var _ in caseRows)
            {
                held++;
            }

            Assert.Equal(held, counter);
            var requests = tables.GetTableClient(names.RequestsTable);
            foreach (var code in accepted)
            {
                var routed = 0;
                await foreach (var e in requests.QueryAsync<RequestEventEntity>(Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {code} and RowKey ge {Keys.EventPrefix} and RowKey lt {"event."}")))
                {
                    routed += e.Type == "Routed" ? 1 : 0;
                }

                Assert.Equal(1, routed);
            }

            Assert.True(held >= accepted.Count, $"{held} cases held for {accepted.Count} accepted requests");
            output.WriteLine($"{accepted.Count} accepted; killed, restarted in {restarted.TotalSeconds:F1} s; all routed {settled.TotalSeconds:F1} s after the restart; {held} cases, counter {counter}");
        }
    }

    private static async Task SubmitUntilCancelledAsync(HttpClient http, ConcurrentBag<string> accepted, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var response = await http.PostAsJsonAsync("requests", new
                {
                    sector = "health",
                    governorate = "SY01",
                    description = "أحتاج إلى دواء للسكري لوالدتي المسنة",
                    consent = true,
                }, CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    accepted.Add(response.Headers.Location!.Segments.Last());
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // The process died under this request: it was never answered 202, so it is not counted.
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    private sealed class DriverOnly(HttpClient http)
    {
        public async Task<string> StatusAsync(string code) =>
            (await http.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"requests/{code}"))!["status"]!.ToString();
    }

    // LocalHost as its own process, built beside the solution, on the test's tables and queues.
    private sealed class HostProcess : IDisposable
    {
        private readonly Process _process;

        private HostProcess(Process process) => _process = process;

        public static HostProcess Start(TestNames names, AzuriteFixture azurite, int port)
        {
            var dll = Path.Combine(RepositoryPaths.Root, "src", "NgoFunctions.LocalHost", "bin", "Release", "net10.0", "NgoFunctions.LocalHost.dll");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(dll);
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add($"http://127.0.0.1:{port}");
            var settings = names.Settings(azurite.ConnectionString);
            settings["Security:AdminApiKeySha256"] = ApiKeyVerifier.Hash(AdminKey);
            settings["Telegram:BotToken"] = string.Empty;
            // A short bound so the test does not wait the default two minutes for held messages.
            settings["Routing:ResubmitAfterSeconds"] = "15";
            settings["Routing:ResubmitSchedule"] = "*/5 * * * * *";
            // Eight clients on 127.0.0.1 submit for a while: over the per-address limit (see TestSystem).
            settings["IntakeLimits:PerAddress"] = "1000000";
            foreach (var (key, value) in settings)
            {
                start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return new HostProcess(process);
        }

        public async Task WaitUntilUpAsync(HttpClient http) =>
            await Eventually.HoldsAsync(async () =>
            {
                Assert.False(_process.HasExited, "the host process exited");
                try
                {
                    return (await http.GetAsync("sectors")).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, TimeSpan.FromSeconds(60), "the host answers");

        // SIGKILL: no shutdown, no draining; what it held is held until the queue's lock ends.
        public void Kill() => _process.Kill(entireProcessTree: true);

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }
    }
}
