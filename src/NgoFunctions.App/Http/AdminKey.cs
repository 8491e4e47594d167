using Microsoft.AspNetCore.Http;
using NgoFunctions.Core.Security;

namespace NgoFunctions.App.Http;

/// <summary>The admin key check every registry endpoint makes first.</summary>
public static class AdminKey
{
    /// <summary>The header that carries API keys.</summary>
    public const string Header = "X-Api-Key";

    /// <summary>Whether the request carries the admin key (constant-time comparison of hashes).</summary>
    public static bool IsPresentedIn(HttpRequest request, ApiKeyVerifier keys) => keys.IsAdmin(request.Headers[Header]);
}
