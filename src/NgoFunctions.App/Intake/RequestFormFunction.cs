using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Http;
using NgoFunctions.App.Pages;
using NgoFunctions.App.Access;

namespace NgoFunctions.App.Intake;

/// <summary><c>GET /api/form</c>: the citizen's request form (Arabic, right-to-left; <c>?lang=en</c> for English).</summary>
public sealed class RequestFormFunction(RequestFormPage page)
{
    /// <summary>Serves the form.</summary>
    [Function(nameof(RequestForm))]
    [PublicEndpoint("the citizens' request form")]
    public IActionResult RequestForm([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "form")] HttpRequest request) =>
        page.Render(RequestLanguage.OfPage(request));
}
