using Microsoft.AspNetCore.Http;
using NgoFunctions.App.Http;
using NgoFunctions.Core.Security;

namespace NgoFunctions.App.Ministry;

/// <summary>The key check every monitoring endpoint makes first: the ministry's key or the admin key
/// in <c>X-Api-Key</c>; NGO keys open none of them.</summary>
public static class MinistryKey
{
    /// <summary>Whether the request carries the ministry key or the admin key (constant-time comparison of hashes).</summary>
    public static bool IsPresentedIn(HttpRequest request, ApiKeyVerifier keys)
    {
        var presented = request.Headers[AdminKey.Header].ToString();

        // Both checks always run, so the time taken says nothing about which key was close.
        var ministry = keys.IsMinistry(presented);
        var admin = keys.IsAdmin(presented);
        return ministry | admin;
    }
}
