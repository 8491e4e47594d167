using System.Diagnostics;
using NgoFunctions.Core.Telemetry;

namespace NgoFunctions.Tests.Telemetry;

/// <summary>The span processor that masks bot tokens in Bot API URLs.</summary>
[Trait("Category", "Unit")]
public sealed class BotTokenRedactionTests
{
    [Theory]
    [InlineData("https://api.telegram.org/bot123456:AAE-x_Yz09/sendMessage", "https://api.telegram.org/bot***/sendMessage")]
    [InlineData("/bot123456:AAE-x_Yz09/getMe", "/bot***/getMe")]
    [InlineData("POST /bot123456%3AAAE-x_Yz09/sendMessage", "POST /bot***/sendMessage")]
    [InlineData("http://127.0.0.1:9000/bot1:a/x?y=/bot2:b", "http://127.0.0.1:9000/bot***/x?y=/bot***")]
    [InlineData("/api/bottles/12", "/api/bottles/12")]
    [InlineData("/bot/sendMessage", "/bot/sendMessage")]
    public void Redact_MasksTokensInPathsOnly(string text, string expected)
    {
        Assert.Equal(expected, BotTokenRedaction.RedactToken(text));
    }

    [Fact]
    public void OnEnd_MasksNameAndEveryStringTag_LeavesOthers()
    {
        using var span = new Activity("POST /bot42:SECRET-token/sendMessage")
            .SetTag("url.full", "https://api.telegram.org/bot42:SECRET-token/sendMessage")
            .SetTag("http.url", "https://api.telegram.org/bot42:SECRET-token/sendMessage")
            .SetTag("server.address", "api.telegram.org")
            .SetTag("http.response.status_code", 200);
        span.DisplayName = span.OperationName;

        new BotTokenRedaction().OnEnd(span);

        Assert.Equal("POST /bot***/sendMessage", span.DisplayName);
        Assert.Equal("https://api.telegram.org/bot***/sendMessage", span.GetTagItem("url.full"));
        Assert.Equal("https://api.telegram.org/bot***/sendMessage", span.GetTagItem("http.url"));
        Assert.Equal("api.telegram.org", span.GetTagItem("server.address"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        Assert.DoesNotContain(span.TagObjects, t => t.Value?.ToString()?.Contains("SECRET", StringComparison.Ordinal) == true);
    }
}
