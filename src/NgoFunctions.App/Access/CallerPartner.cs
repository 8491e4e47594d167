using Microsoft.AspNetCore.Http;

namespace NgoFunctions.App.Access;

/// <summary>The Open311 partner whose key a <see cref="CallerRole.Partner"/> function's caller presented,
/// set on the request by <see cref="KeyGate"/> once the key is checked.</summary>
/// <param name="PartnerId">The partner's id.</param>
public sealed record CallerPartner(string PartnerId)
{
    /// <summary>The calling partner's id. Throws <see cref="InvalidOperationException"/> when no partner key
    /// was checked for <paramref name="request"/> (the function lacks <c>[RequiresKey(CallerRole.Partner)]</c>).</summary>
    public static string Of(HttpRequest request) =>
        request.HttpContext.Features.Get<CallerPartner>()?.PartnerId
        ?? throw new InvalidOperationException("No partner key was checked for this request: declare [RequiresKey(CallerRole.Partner)].");
}
