using Microsoft.AspNetCore.Http;

namespace NgoFunctions.App.Access;

/// <summary>The NGO whose key a <see cref="CallerRole.Ngo"/> function's caller presented, set on the
/// request by <see cref="KeyGate"/> once the key is checked.</summary>
/// <param name="NgoId">The NGO's registry id.</param>
public sealed record CallerNgo(string NgoId)
{
    /// <summary>The calling NGO's id. Throws <see cref="InvalidOperationException"/> when no NGO key was
    /// checked for <paramref name="request"/> (the function lacks <c>[RequiresKey(CallerRole.Ngo)]</c>).</summary>
    public static string Of(HttpRequest request) =>
        request.HttpContext.Features.Get<CallerNgo>()?.NgoId
        ?? throw new InvalidOperationException("No NGO key was checked for this request: declare [RequiresKey(CallerRole.Ngo)].");
}
