using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NgoFunctions.App.Access;

namespace NgoFunctions.App.Health;

/// <summary><c>GET /api/health</c>: 200 <c>{"status":"Healthy","checks":{"storage":"Healthy"}}</c> when
/// every check passes, else 503 with the same shape. No details that could help an attacker.</summary>
public sealed class HealthFunction(HealthCheckService health)
{
    /// <summary>Runs the health checks.</summary>
    [Function(nameof(Health))]
    [PublicEndpoint("probes (App Service health check) call it; it shows no data")]
    public async Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return new ObjectResult(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        })
        {
            StatusCode = report.Status == HealthStatus.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
        };
    }
}
