using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Outcomes;

namespace NgoFunctions.App.Http;

/// <summary>The one mapping of a service's <see cref="Outcome{T}"/> to an HTTP answer. A success is
/// answered by the endpoint's own function (each endpoint's success has its own shape); every refusal
/// the same way everywhere, as problem+json (<see cref="Problems"/>) titled in the caller's language:
/// <list type="bullet">
/// <item><see cref="Outcome{T}.Rejected"/>: 400 with <c>errors</c> (wire field → messages), titled <c>validation.problem.title</c>;</item>
/// <item><see cref="Outcome{T}.NotFound"/>: 404 titled with its text;</item>
/// <item><see cref="Outcome{T}.Conflict"/>: 409 titled with its text;</item>
/// <item><see cref="Outcome{T}.Busy"/>: 409 titled <c>ngo.conflict.busy</c>;</item>
/// <item><see cref="Outcome{T}.Limited"/>: 429 with <c>limit</c> (<c>address</c> or <c>phone</c>) and a
/// <c>Retry-After</c> header in whole seconds, titled <see cref="LimitTitle"/>.</item>
/// </list></summary>
public static class OutcomeResults
{
    /// <summary>The answer to <paramref name="outcome"/>, in the request's language
    /// (<see cref="RequestLanguage.Of"/>); <paramref name="done"/> answers a success.</summary>
    public static IActionResult Answer<T>(HttpRequest request, Outcome<T> outcome, Texts texts, Func<T, IActionResult> done) =>
        Answer(request, outcome, texts, RequestLanguage.Of(request), done);

    /// <summary>The answer to <paramref name="outcome"/>, in <paramref name="language"/> (where the body
    /// may choose another language than the request's); <paramref name="done"/> answers a success.</summary>
    public static IActionResult Answer<T>(HttpRequest request, Outcome<T> outcome, Texts texts, Language language, Func<T, IActionResult> done)
    {
        switch (outcome)
        {
            case Outcome<T>.Done success:
                return done(success.Value);
            case Outcome<T>.Rejected rejected:
                return Problems.Validation(request, texts, language, rejected.Errors);
            case Outcome<T>.NotFound notFound:
                return Problems.NotFound(request, texts.Get(notFound.Title, language));
            case Outcome<T>.Conflict conflict:
                return Problems.Status(request, StatusCodes.Status409Conflict, texts.Get(conflict.Title, language));
            case Outcome<T>.Busy:
                return Problems.Status(request, StatusCodes.Status409Conflict, texts.Get("ngo.conflict.busy", language));
            case Outcome<T>.Limited limited:
                SetRetryAfter(request, limited);
                return Problems.TooManyRequests(request, LimitTitle(limited, texts, language), limited.Limit);
            default:
                // Outcome<T>'s constructor is private: its cases are the ones above (OutcomeResultsTests checks).
                throw new UnreachableException($"{outcome.GetType()} is not a case of Outcome<T>.");
        }
    }

    /// <summary>What to tell a caller over <paramref name="limited"/>, in <paramref name="language"/>:
    /// <c>problem.limit.phone</c> with the number of open requests allowed, or <c>problem.limit.address</c>.</summary>
    public static string LimitTitle<T>(Outcome<T>.Limited limited, Texts texts, Language language) =>
        limited.Limit == IntakeLimit.Phone
            ? texts.Get("problem.limit.phone", language, limited.Allowed)
            : texts.Get("problem.limit.address", language);

    /// <summary>Sets <c>Retry-After</c> to <paramref name="limited"/>'s wait in whole seconds, rounded up.</summary>
    public static void SetRetryAfter<T>(HttpRequest request, Outcome<T>.Limited limited) =>
        request.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(limited.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
