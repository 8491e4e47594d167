using System.Net;
using System.Text.RegularExpressions;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Pages;

/// <summary>The status page's "erase my personal data" form, without JavaScript: a required checkbox,
/// posted as a form to <c>/api/requests/{code}/personal-data/erase</c>; unticked, the form comes back
/// with a message and nothing is erased; ticked, the personal data is gone and the page says so; an
/// unknown code is a 404 page.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed partial class ErasureFormTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Name = "سلمى الأحمد";
    private const string Phone = "0944123456";
    private const string Description = "أحتاج إلى جلسات علاج فيزيائي لابني بعد الإصابة";

    private TestSystem _system = null!;
    private NgoDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        _driver = new NgoDriver(_system, azurite);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task StatusPage_Arabic_ExplainsAndOffersTheFormWithARequiredBox()
    {
        var code = await SubmitAsync();

        var html = await (await GetHtmlAsync($"requests/{code}")).Content.ReadAsStringAsync();

        Assert.Contains("<h2>حذف بياناتك الشخصية</h2>", html);
        Assert.Contains("لن تستطيع المنظمة التواصل معك بشأنه", html);
        Assert.Contains("لا يمكن التراجع عن الحذف", html);
        Assert.Equal($"{code}/personal-data/erase?lang=ar", Action(html));
        Assert.Matches(@"<input type=""checkbox"" name=""confirm"" value=""yes"" required>", html);
        Assert.Contains("<button type=\"submit\">احذف بياناتي الشخصية</button>", html);
    }

    [Fact]
    public async Task BoxNotTicked_FormAgainWithMessage_NothingErased()
    {
        var code = await SubmitAsync();
        var status = await GetHtmlAsync($"requests/{code}?lang=en");
        var action = new Uri(status.RequestMessage!.RequestUri!, Action(await status.Content.ReadAsStringAsync()));

        var answer = await PostFormAsync(action, []);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
        Assert.True(answer.Headers.CacheControl?.NoStore);
        Assert.Contains("default-src 'none'", Assert.Single(answer.Headers.GetValues("Content-Security-Policy")));
        var html = await answer.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", html);
        Assert.Contains("Nothing was erased: tick the box to confirm the erasure.", html);
        Assert.Equal(action, new Uri(action, Action(html)));
        var request = await _driver.RequestAsync(code);
        Assert.Equal((Name, "+963944123456", Description), (request.Name, request.Phone, request.Description));
        Assert.Null(request.PersonalDataErasedAt);
        Assert.DoesNotContain(await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix), e => e.Type == "Erased");
    }

    [Fact]
    public async Task BoxTicked_ErasedPage_PersonalDataGone_StatusPageSaysSo_RepeatChangesNothing()
    {
        var code = await SubmitAsync();
        var status = await GetHtmlAsync($"requests/{code}");
        var action = new Uri(status.RequestMessage!.RequestUri!, Action(await status.Content.ReadAsStringAsync()));

        var answer = await PostFormAsync(action, new() { ["confirm"] = "yes" });

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True(answer.Headers.CacheControl?.NoStore);
        Assert.Contains("default-src 'none'", Assert.Single(answer.Headers.GetValues("Content-Security-Policy")));
        var html = await answer.Content.ReadAsStringAsync();
        Assert.Contains("<h1>حذفنا بياناتك الشخصية</h1>", html);
        Assert.Contains("ولن تتمكن المنظمة من التواصل معك بشأنه", html);
        var back = BackLink().Match(html).Groups["href"].Value;
        Assert.Equal(status.RequestMessage.RequestUri!.AbsolutePath, new Uri(action, WebUtility.HtmlDecode(back)).AbsolutePath);

        var request = await _driver.RequestAsync(code);
        Assert.Equal((null, null, string.Empty), (request.Name, request.Phone, request.Description));
        Assert.NotNull(request.PersonalDataErasedAt);
        var erased = Assert.Single(await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix), e => e.Type == "Erased");
        Assert.Equal(("citizen", "citizen"), (erased.Actor, erased.Detail));

        var after = await (await GetHtmlAsync($"requests/{code}")).Content.ReadAsStringAsync();
        Assert.Contains("<p id=\"erased\">حُذفت بياناتك الشخصية من هذا الطلب</p>", after);
        Assert.DoesNotContain("<form", after);

        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(action, new() { ["confirm"] = "yes" })).StatusCode);
        Assert.Single(await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix), e => e.Type == "Erased");
    }

    [Theory]
    [InlineData("ZZZZZ-ZZZZZ", "yes")]
    [InlineData("ZZZZZ-ZZZZZ", null)]
    [InlineData("not-a-code", "yes")]
    public async Task UnknownCode_NotFoundPage(string code, string? confirm)
    {
        var answer = await PostFormAsync(
            new Uri(_system.Http.BaseAddress!, $"requests/{code}/personal-data/erase?lang=en"),
            confirm is null ? [] : new() { ["confirm"] = confirm });

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
        Assert.True(answer.Headers.CacheControl?.NoStore);
        Assert.Contains("We found no request with this code.", await answer.Content.ReadAsStringAsync());
    }

    private async Task<string> SubmitAsync()
    {
        var code = await _driver.SubmitAsync("disability", "SY04", name: Name, phone: Phone, description: Description);
        Assert.Equal((Name, Description), ((await _driver.RequestAsync(code)).Name, (await _driver.RequestAsync(code)).Description));
        return code;
    }

    private async Task<HttpResponseMessage> GetHtmlAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        return await _system.Http.SendAsync(request);
    }

    // As a browser posts the form (the box unticked sends no field at all).
    private async Task<HttpResponseMessage> PostFormAsync(Uri action, Dictionary<string, string> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.ParseAdd("text/html");
        return await _system.Http.SendAsync(request);
    }

    private static string Action(string html) => WebUtility.HtmlDecode(FormAction().Match(html) is { Success: true } m ? m.Groups["action"].Value : throw new Xunit.Sdk.XunitException("no erasure form"));

    [GeneratedRegex(@"<form method=""post"" action=""(?<action>[^""]+)""")]
    private static partial Regex FormAction();

    [GeneratedRegex(@"<a id=""back"" href=""(?<href>[^""]+)""")]
    private static partial Regex BackLink();
}
