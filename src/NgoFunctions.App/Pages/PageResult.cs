using Microsoft.AspNetCore.Mvc;
using NgoFunctions.App.Http;

namespace NgoFunctions.App.Pages;

/// <summary>An HTML page with its security headers (<see cref="SecurityHeaders"/>) and, when given,
/// its <c>Cache-Control</c>: whoever returns a page sends them, whatever the status code.</summary>
/// <param name="Page">The HTML, its content type and status code.</param>
/// <param name="ContentSecurityPolicy">The page's policy.</param>
/// <param name="CacheControl"><c>Cache-Control</c> value, or <c>null</c> to leave it as it is.</param>
/// <param name="Framable">The page may be shown in a frame of the sites its policy's <c>frame-ancestors</c>
/// names (the Mini App, in Telegram's web client): no <c>X-Frame-Options: DENY</c>.</param>
public sealed record PageResult(ContentResult Page, string ContentSecurityPolicy, string? CacheControl = null, bool Framable = false) : IActionResult
{
    /// <inheritdoc />
    public Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        SecurityHeaders.Apply(response, ContentSecurityPolicy, Framable);
        if (CacheControl is not null)
        {
            response.Headers.CacheControl = CacheControl;
        }

        return Page.ExecuteResultAsync(context);
    }
}
