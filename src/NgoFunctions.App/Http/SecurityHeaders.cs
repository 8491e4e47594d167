using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace NgoFunctions.App.Http;

/// <summary>The one place that sets the browser-facing security headers of the HTML pages (the form,
/// the confirmation, the status page, the ministry dashboard) and the files they load: the page's
/// Content-Security-Policy, <c>X-Content-Type-Options: nosniff</c>, <c>Referrer-Policy: no-referrer</c>
/// (a status URL holds the tracking code, which must not travel to another site) and
/// <c>X-Frame-Options: DENY</c> for browsers that ignore the policy's <c>frame-ancestors 'none'</c>.</summary>
public static class SecurityHeaders
{
    /// <summary>Sets the headers on <paramref name="response"/> with <paramref name="contentSecurityPolicy"/>;
    /// <paramref name="framable"/>: leaves out <c>X-Frame-Options</c> (which can only deny or allow the
    /// same origin), so the policy's <c>frame-ancestors</c> alone says who may frame the page.</summary>
    public static void Apply(HttpResponse response, string contentSecurityPolicy, bool framable = false)
    {
        response.Headers.ContentSecurityPolicy = contentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        if (!framable)
        {
            response.Headers.XFrameOptions = "DENY";
        }
    }

    /// <summary>The CSP source that allows exactly one inline <c>&lt;script&gt;</c> or <c>&lt;style&gt;</c>
    /// element whose text is <paramref name="content"/>: <c>'sha256-{base64}'</c> of its UTF-8 bytes.</summary>
    public static string HashSource(string content) =>
        $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(content)))}'";
}
