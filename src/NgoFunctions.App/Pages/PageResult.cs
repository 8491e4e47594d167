using Microsoft.AspNetCore.Mvc;
using NgoFunctions.App.Http;

namespace NgoFunctions.App.Pages;

/// <summary>An HTML page with its security headers (<see cref="SecurityHeaders"/>) and, when given,
/// its <c>Cache-Control</c>: whoever returns a page sends them, whatever the status code.</summary>
/// <param name="Page">The HTML, its content type and status code.</param>
/// <param name="ContentSecurityPolicy">The page's policy.</param>
/// <param name="CacheControl"><c>Cache-Control</c> value, or <c>null</c> to leave it as it is.</param>
public sealed record PageResult(ContentResult Page, string ContentSecurityPolicy, string? CacheControl = null) : IActionResult
{
    /// <inheritdoc />
    public Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        SecurityHeaders.Apply(response, ContentSecurityPolicy);
        if (CacheControl is not null)
        {
            response.Headers.CacheControl = CacheControl;
        }

        return Page.ExecuteResultAsync(context);
    }
}
