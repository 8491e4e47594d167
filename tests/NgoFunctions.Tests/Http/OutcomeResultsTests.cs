using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NgoFunctions.App.Http;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Outcomes;

namespace NgoFunctions.Tests.Http;

/// <summary>The one mapping of a service's outcome to HTTP: each refusal to its status, as problem+json,
/// titled in Arabic or English with the texts the API has always used; a success to what the endpoint
/// makes of it. The answers are executed as the hosts execute them, and read back from the response.</summary>
[Trait("Category", "Unit")]
public sealed class OutcomeResultsTests
{
    private static readonly Texts Texts = new();

    public static TheoryData<string, Language, int, string> Refusals() => new()
    {
        { nameof(Outcome<string>.Rejected), Language.Ar, 400, "بعض الحقول تحتاج إلى تصحيح." },
        { nameof(Outcome<string>.Rejected), Language.En, 400, "Some fields need correcting." },
        { nameof(Outcome<string>.NotFound), Language.Ar, 404, "لا يوجد طلب بهذا الرمز ضمن الطلبات المحالة إلى منظمتكم." },
        { nameof(Outcome<string>.NotFound), Language.En, 404, "No request with this code is routed to your organisation." },
        { nameof(Outcome<string>.Conflict), Language.Ar, 409, "لا يمكن قبول هذا الطلب الآن، فحالته: قيد التنفيذ." },
        { nameof(Outcome<string>.Conflict), Language.En, 409, "This request cannot be accepted now; its status is: In progress." },
        { nameof(Outcome<string>.Busy), Language.Ar, 409, "تغيّر الطلب في اللحظة نفسها. أعيدوا المحاولة." },
        { nameof(Outcome<string>.Busy), Language.En, 409, "The request changed at the same moment. Please try again." },
        { nameof(Outcome<string>.Limited), Language.Ar, 429, "وصل رقم الهاتف هذا إلى الحد الأقصى للطلبات المفتوحة (3). تستطيع تقديم طلب جديد حين تتم تلبية أحدها أو إلغاؤه." },
        { nameof(Outcome<string>.Limited), Language.En, 429, "This phone number has reached the limit of open requests (3). A new request can be made once one of them is met or cancelled." },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Refusal_ProblemJsonWithItsStatusAndTitleInTheLanguage(string refusal, Language language, int status, string title)
    {
        var http = Http();

        var result = OutcomeResults.Answer(http.Request, Refusal(refusal), Texts, language, Unexpected);
        var body = await ExecuteAsync(http, result);

        Assert.Equal(status, http.Response.StatusCode);
        Assert.StartsWith(Problems.MediaType, http.Response.ContentType, StringComparison.Ordinal);
        Assert.Equal(status, body["status"]!.GetValue<int>());
        Assert.Equal(title, body["title"]!.GetValue<string>());
        Assert.Equal("/api/test", body["instance"]!.GetValue<string>());
    }

    [Fact]
    public void EveryCaseOfOutcome_IsMapped()
    {
        var cases = typeof(Outcome<>).GetNestedTypes().Select(t => t.Name).Order();
        var tested = Refusals().Select(row => (string)row[0]).Append(nameof(Outcome<string>.Done)).Distinct().Order();

        Assert.Equal(cases, tested);
    }

    [Fact]
    public async Task Rejected_ErrorsByWireFieldName()
    {
        var http = Http();

        var body = await ExecuteAsync(http, OutcomeResults.Answer(http.Request, Refusal(nameof(Outcome<string>.Rejected)), Texts, Language.En, Unexpected));

        Assert.Equal(["Enter a phone number."], body["errors"]!["phone"]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    [Theory]
    [InlineData(IntakeLimit.Phone, 3600.0, "phone", "3600")]
    [InlineData(IntakeLimit.Address, 90.2, "address", "91")]
    public async Task Limited_NamesTheLimitAndSaysWhenToRetryInWholeSeconds(IntakeLimit limit, double seconds, string name, string retryAfter)
    {
        var http = Http();

        var outcome = new Outcome<string>.Limited(limit, 3, TimeSpan.FromSeconds(seconds));
        var body = await ExecuteAsync(http, OutcomeResults.Answer(http.Request, outcome, Texts, Language.Ar, Unexpected));

        Assert.Equal(name, body["limit"]!.GetValue<string>());
        Assert.Equal(retryAfter, http.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public void Done_AnsweredByTheEndpointsFunction()
    {
        var http = Http();
        var answer = new CreatedResult("/api/x", "made");

        var result = OutcomeResults.Answer(http.Request, new Outcome<string>.Done("made"), Texts, value => value == "made" ? answer : Unexpected(value));

        Assert.Same(answer, result);
    }

    [Theory]
    [InlineData("en", null, "Some fields need correcting.")]
    [InlineData("ar, en;q=0.5", null, "بعض الحقول تحتاج إلى تصحيح.")]
    [InlineData("en", "ar", "بعض الحقول تحتاج إلى تصحيح.")]
    public async Task WithoutALanguage_TheRequestsLanguage(string acceptLanguage, string? lang, string title)
    {
        var http = Http();
        http.Request.Headers.AcceptLanguage = acceptLanguage;
        http.Request.QueryString = lang is null ? QueryString.Empty : QueryString.Create("lang", lang);

        var body = await ExecuteAsync(http, OutcomeResults.Answer(http.Request, Refusal(nameof(Outcome<string>.Rejected)), Texts, Unexpected));

        Assert.Equal(title, body["title"]!.GetValue<string>());
    }

    private static Outcome<string> Refusal(string name) => name switch
    {
        nameof(Outcome<string>.Rejected) => new Outcome<string>.Rejected(new Dictionary<string, string[]> { ["phone"] = ["Enter a phone number."] }),
        nameof(Outcome<string>.NotFound) => new Outcome<string>.NotFound(new LocalText("ngo.request.notfound")),
        nameof(Outcome<string>.Conflict) => new Outcome<string>.Conflict(new LocalText("ngo.conflict.Accept", new LocalText("status.InProgress"))),
        nameof(Outcome<string>.Busy) => new Outcome<string>.Busy(),
        nameof(Outcome<string>.Limited) => new Outcome<string>.Limited(IntakeLimit.Phone, 3, TimeSpan.FromHours(1)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a refusal."),
    };

    // A refusal never reaches the endpoint's success function.
    private static IActionResult Unexpected(string value) => throw new Xunit.Sdk.XunitException($"A refusal was answered as a success ({value}).");

    private static DefaultHttpContext Http()
    {
        // Results are executed as the local host executes them (MVC's result executors); the worker's
        // integration does the same.
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().AddMvcCore().Services.BuildServiceProvider() };
        http.Request.Method = "GET";
        http.Request.Path = "/api/test";
        http.Response.Body = new MemoryStream();
        return http;
    }

    private static async Task<JsonObject> ExecuteAsync(HttpContext http, IActionResult result)
    {
        await result.ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));
        http.Response.Body.Position = 0;
        return (await JsonNode.ParseAsync(http.Response.Body))!.AsObject();
    }
}
