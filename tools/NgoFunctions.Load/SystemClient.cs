using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NgoFunctions.Load;

/// <summary>The running system over HTTP: intake, the registry (to aim requests at covered places)
/// and LocalHost's storage transaction counter.</summary>
public sealed class SystemClient(HttpClient http, string adminKey, string? clientHeader = null)
{
    /// <summary>A place and sector some active NGO covers.</summary>
    public sealed record Target(string Sector, string Governorate, string? District, string? SubDistrict);

    /// <summary>One submission: the tracking code (null when intake did not answer 202) and its latency in ms.</summary>
    public sealed record Submitted(string? TrackingCode, double LatencyMs, HttpStatusCode Status);

    /// <summary>Sector and place pairs from the registry's active NGOs; a Damascus health request when
    /// the registry cannot be read.</summary>
    public async Task<IReadOnlyList<Target>> TargetsAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/registry/ngos");
        request.Headers.Add("X-Api-Key", adminKey);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return [new Target("health", "SY01", "SY0100", null)];
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var root = json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement : json.RootElement.EnumerateObject().First(p => p.Value.ValueKind == JsonValueKind.Array).Value;
        var targets = new List<Target>();
        foreach (var ngo in root.EnumerateArray().Where(n => n.GetProperty("active").GetBoolean()))
        {
            foreach (var sector in ngo.GetProperty("sectors").EnumerateArray().Select(s => s.GetString()!))
            {
                foreach (var code in ngo.GetProperty("coverage").EnumerateArray().Select(c => c.GetString()!))
                {
                    // OCHA P-codes nest by prefix: SY020206 is in SY0202, in SY02.
                    targets.Add(code.Length switch
                    {
                        4 => new Target(sector, code, null, null),
                        6 => new Target(sector, code[..4], code, null),
                        8 => new Target(sector, code[..4], code[..6], code),
                        _ => new Target(sector, "SY01", "SY0100", null),
                    });
                }
            }
        }

        return targets.Count > 0 ? targets : [new Target("health", "SY01", "SY0100", null)];
    }

    /// <summary>Submits one request as JSON and times the answer; from client address
    /// <paramref name="address"/> (else one of its own, <c>10.x.y.z</c> from <paramref name="number"/>) when
    /// the system trusts the client header, with <paramref name="phone"/> and <paramref name="urgency"/>.</summary>
    public async Task<Submitted> SubmitAsync(
        Target target, int number, CancellationToken cancellationToken, string? address = null, string? phone = null, string urgency = "normal")
    {
        var body = new
        {
            sector = target.Sector,
            governorate = target.Governorate,
            district = target.District,
            subDistrict = target.SubDistrict,
            description = $"طلب اختبار الحمل رقم {number} — load test request",
            urgency,
            phone,
            consent = true,
            language = "ar",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/requests") { Content = JsonContent.Create(body) };
        if (clientHeader is not null)
        {
            // An address of its own, as each citizen has: 10.x.y.z from the request's number.
            request.Headers.Add(clientHeader, address ?? $"10.{(number >> 16) & 255}.{(number >> 8) & 255}.{number & 255}");
        }

        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, cancellationToken);
        var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            return new Submitted(null, latency, response.StatusCode);
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return new Submitted(json.RootElement.GetProperty("trackingCode").GetString(), latency, response.StatusCode);
    }

    /// <summary>Storage transactions the system's application clients sent so far (total, and by
    /// operation when the host reports it), or null when the LocalHost diagnostics route is off
    /// (start it with <c>LocalHost__Diagnostics=true</c>).</summary>
    public async Task<Transactions?> StorageTransactionsAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("api/diagnostics/storage-transactions", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var operations = new Dictionary<string, long>(StringComparer.Ordinal);
        if (json.RootElement.TryGetProperty("operations", out var split))
        {
            foreach (var operation in split.EnumerateObject())
            {
                operations[operation.Name] = operation.Value.GetInt64();
            }
        }

        return new Transactions(json.RootElement.GetProperty("total").GetInt64(), operations);
    }

    /// <summary>A reading of the storage-transaction counter.</summary>
    /// <param name="Total">All requests so far.</param>
    /// <param name="Operations">By operation (<c>table GET NgoCases point</c>, ...); empty from a host that does not split.</param>
    public sealed record Transactions(long Total, IReadOnlyDictionary<string, long> Operations);
}
