using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;

namespace NgoFunctions.App.Http;

/// <summary>Every error answer is built here: RFC 9457 problem details as
/// <c>application/problem+json</c>.</summary>
public static class Problems
{
    /// <summary>The problem+json media type.</summary>
    public const string MediaType = "application/problem+json";

    /// <summary>400 with the bad fields: <c>errors</c> maps each wire field name to its messages (none
    /// when <c>null</c>); titled <c>validation.problem.title</c> in <paramref name="language"/>.</summary>
    public static IActionResult Validation(
        HttpRequest request, Texts texts, Language language, IReadOnlyDictionary<string, string[]>? errors) =>
        Result(request, new ValidationProblemDetails((errors ?? new Dictionary<string, string[]>()).ToDictionary(e => e.Key, e => e.Value))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = texts.Get("validation.problem.title", language),
        });

    /// <summary>A problem without field errors.</summary>
    public static IActionResult Status(HttpRequest request, int status, string title, string? detail = null) =>
        Result(request, new ProblemDetails { Status = status, Title = title, Detail = detail });

    /// <summary>401: the API key is missing or wrong. Says nothing about which.</summary>
    public static IActionResult Unauthorized(HttpRequest request, Texts texts)
    {
        request.HttpContext.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
        return Status(request, StatusCodes.Status401Unauthorized, texts.Get("problem.unauthorized", RequestLanguage.Of(request)));
    }

    /// <summary>The answer to a body <see cref="BodyReader"/> could not read: 413 when too large,
    /// else 400 naming the field, in <paramref name="language"/>.</summary>
    public static IActionResult Body<T>(HttpRequest request, BodyResult<T> body, Texts texts, Language language)
        where T : class => body.Error switch
    {
        BodyError.TooLarge => Status(request, StatusCodes.Status413PayloadTooLarge, texts.Get("validation.body.tooLarge", language, BodyReader.MaxBytes / 1024)),
        BodyError.WrongType => Validation(request, texts, language,
            new Dictionary<string, string[]> { [body.Field] = [texts.Get("validation.field.type", language)] }),
        BodyError.InvalidText => Validation(request, texts, language,
            new Dictionary<string, string[]> { [body.Field] = [texts.Get("validation.field.invalidText", language)] }),
        _ => Validation(request, texts, language,
            new Dictionary<string, string[]> { ["body"] = [texts.Get("validation.body.unreadable", language)] }),
    };

    /// <summary>429 over an intake limit: <paramref name="title"/> says which, in the request's language, and
    /// <c>limit</c> names it (<c>address</c> or <c>phone</c>); the caller sets <c>Retry-After</c>.</summary>
    public static IActionResult TooManyRequests(HttpRequest request, string title, Core.Intake.IntakeLimit limit) =>
        Result(request, new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = title,
            Extensions = { ["limit"] = limit == Core.Intake.IntakeLimit.Phone ? "phone" : "address" },
        });

    /// <summary>404 for an unknown resource.</summary>
    public static IActionResult NotFound(HttpRequest request, string title) => Status(request, StatusCodes.Status404NotFound, title);

    private static ObjectResult Result(HttpRequest request, ProblemDetails problem)
    {
        problem.Instance = request.Path;
        return new ObjectResult(problem) { StatusCode = problem.Status, ContentTypes = { MediaType } };
    }
}
