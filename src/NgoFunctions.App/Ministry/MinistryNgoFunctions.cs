using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Http;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Ministry;
using NgoFunctions.Core.Security;

namespace NgoFunctions.App.Ministry;

/// <summary>The ministry's view of the NGOs: who is overloaded, who is slow. Ministry key or admin key
/// in <c>X-Api-Key</c> (401 otherwise); no personal data.</summary>
public sealed class MinistryNgoFunctions(NgoPerformance performance, ApiKeyVerifier keys, Texts texts)
{
    /// <summary><c>GET /api/ministry/ngos</c>: <c>{ngos:[…]}</c>, every registered NGO by id with its
    /// load, acceptance, decline reasons, times to accept and resolve and citizens' rating, read from
    /// the per-NGO counters kept on every transition (see <see cref="NgoPerformance"/>).</summary>
    [Function(nameof(GetMinistryNgos))]
    public async Task<IActionResult> GetMinistryNgos(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ministry/ngos")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MinistryKey.IsPresentedIn(request, keys))
        {
            return Problems.Unauthorized(request, texts);
        }

        return new OkObjectResult(await performance.ListAsync(cancellationToken));
    }
}
