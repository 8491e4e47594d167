using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace NgoFunctions.App.Http;

/// <summary>Every error answer is built here: RFC 9457 problem details as
/// <c>application/problem+json</c>.</summary>
public static class Problems
{
    /// <summary>The problem+json media type.</summary>
    public const string MediaType = "application/problem+json";

    /// <summary>400 with the bad fields: <c>errors</c> maps each wire field name to its messages.</summary>
    public static IActionResult Validation(HttpRequest request, string title, IReadOnlyDictionary<string, string[]> errors) =>
        Result(request, new ValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = title,
        });

    /// <summary>A problem without field errors.</summary>
    public static IActionResult Status(HttpRequest request, int status, string title, string? detail = null) =>
        Result(request, new ProblemDetails { Status = status, Title = title, Detail = detail });

    /// <summary>401: the API key is missing or wrong. Says nothing about which.</summary>
    public static IActionResult Unauthorized(HttpRequest request)
    {
        request.HttpContext.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
        return Status(request, StatusCodes.Status401Unauthorized, "A valid API key is required in the X-Api-Key header.");
    }

    /// <summary>404 for an unknown resource.</summary>
    public static IActionResult NotFound(HttpRequest request, string title) => Status(request, StatusCodes.Status404NotFound, title);

    private static ObjectResult Result(HttpRequest request, ProblemDetails problem)
    {
        problem.Instance = request.Path;
        return new ObjectResult(problem) { StatusCode = problem.Status, ContentTypes = { MediaType } };
    }
}
