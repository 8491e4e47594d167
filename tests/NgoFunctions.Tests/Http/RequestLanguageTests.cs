using Microsoft.AspNetCore.Http;
using NgoFunctions.App.Http;
using NgoFunctions.Core.Domain;

namespace NgoFunctions.Tests.Http;

/// <summary>The language an API request is answered in, resolved once per request.</summary>
[Trait("Category", "Unit")]
public sealed class RequestLanguageTests
{
    [Theory]
    [InlineData(null, null, Language.Ar)]
    [InlineData(null, "fr, en;q=0.8, ar;q=0.5", Language.En)]
    [InlineData("ar", "en", Language.Ar)]
    [InlineData("en", null, Language.En)]
    public void Of_LangParameterThenAcceptLanguageThenArabic(string? lang, string? acceptLanguage, Language expected)
    {
        var http = new DefaultHttpContext();
        http.Request.QueryString = lang is null ? QueryString.Empty : QueryString.Create("lang", lang);
        http.Request.Headers.AcceptLanguage = acceptLanguage;

        Assert.Equal(expected, RequestLanguage.Of(http.Request));
    }

    [Fact]
    public void Of_ResolvedOncePerRequest()
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.AcceptLanguage = "en";
        var first = RequestLanguage.Of(http.Request);

        // Every later caller of the same request (key check, function, failure answer) gets the first answer.
        http.Request.Headers.AcceptLanguage = "ar";

        Assert.Equal(Language.En, first);
        Assert.Equal(Language.En, RequestLanguage.Of(http.Request));
        Assert.Equal(Language.Ar, RequestLanguage.Of(new DefaultHttpContext { Request = { Headers = { AcceptLanguage = "ar" } } }.Request));
    }
}
