using System.Security;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Telegram;
using NgoFunctions.Core.Telegram.MiniApp;
using Telegram.Bot;

namespace NgoFunctions.Tests.Telegram.MiniApp;

/// <summary>The check of a Mini App's <c>initData</c>: Telegram's signature with this bot's token (and
/// Telegram.Bot's own helper agreeing on what is signed and what is not), its age, a private chat with a
/// user; and the tracking code drawn from the signature.</summary>
[Trait("Category", "Unit")]
public sealed class MiniAppInitDataTests
{
    private const string Token = "123456789:TEST-token-for-the-fake-bot-api";
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SignedByTelegram_IsTheUsersPrivateChat_AndTelegramBotAgrees()
    {
        var initData = InitDataSigner.Sign(Token, InitDataSigner.Opening(900123, Now.AddMinutes(-10), "en"));

        var (launch, refusal) = Check(initData);

        Assert.Null(refusal);
        Assert.Equal(900123, launch!.ChatId);
        Assert.Equal("en", launch.LanguageCode);
        Assert.Equal(Now.AddMinutes(-10), launch.AuthDate);
        Assert.Equal(64, launch.Hash.Length);
        Assert.Contains("فاطمة", AuthHelpers.ParseValidateData(initData, Token)["user"], StringComparison.Ordinal);
    }

    [Fact]
    public void ChangedAfterSigning_IsForged_AsTelegramBotSaysToo()
    {
        var signed = InitDataSigner.Sign(Token, InitDataSigner.Opening(900123, Now));
        // Someone else's chat put in place of the signer's, the signature kept.
        var forged = signed.Replace("900123", "900124", StringComparison.Ordinal);

        Assert.Equal(MiniAppRefusal.Forged, Check(forged).Refusal);
        Assert.Throws<SecurityException>(() => AuthHelpers.ParseValidateData(forged, Token));
    }

    [Theory]
    [InlineData("987654321:ANOTHER-bots-token")]
    [InlineData("")]
    public void SignedWithAnotherToken_IsForged(string otherToken)
    {
        var initData = otherToken.Length == 0
            ? InitDataSigner.Query(InitDataSigner.Opening(900123, Now))
            : InitDataSigner.Sign(otherToken, InitDataSigner.Opening(900123, Now));

        Assert.Equal(MiniAppRefusal.Forged, Check(initData).Refusal);
    }

    [Theory]
    [InlineData("not a query string")]
    [InlineData("hash=zz")]
    [InlineData("auth_date=1&auth_date=2&hash=00")]
    public void Garbage_IsForged(string initData) =>
        Assert.Equal(MiniAppRefusal.Forged, Check(initData).Refusal);

    [Fact]
    public void RepeatedField_IsForged_EvenWhenTheSignatureCoversOneOfThem()
    {
        var signed = InitDataSigner.Sign(Token, InitDataSigner.Opening(900123, Now));

        Assert.Equal(MiniAppRefusal.Forged, Check(signed + "&chat_type=group").Refusal);
    }

    [Theory]
    [InlineData(-3601)]
    [InlineData(-86_400)]
    [InlineData(301)]
    public void SignedTooLongAgoOrAhead_IsStale(int seconds) =>
        Assert.Equal(MiniAppRefusal.Stale, Check(InitDataSigner.Sign(Token, InitDataSigner.Opening(900123, Now.AddSeconds(seconds)))).Refusal);

    [Theory]
    [InlineData(-3599)]
    [InlineData(299)]
    public void SignedWithinTheAge_OrAClocksDifferenceAhead_IsAccepted(int seconds) =>
        Assert.Null(Check(InitDataSigner.Sign(Token, InitDataSigner.Opening(900123, Now.AddSeconds(seconds)))).Refusal);

    [Theory]
    [InlineData("group")]
    [InlineData("supergroup")]
    [InlineData("channel")]
    public void OpenedInAGroup_IsNotPrivate(string chatType) =>
        Assert.Equal(MiniAppRefusal.NotPrivate, Check(InitDataSigner.Sign(Token, InitDataSigner.Opening(900123, Now, chatType: chatType))).Refusal);

    [Theory]
    [InlineData("sender")]
    [InlineData(null)]
    public void OpenedFromTheBotsPrivateChat_ByInlineOrKeyboardButton_IsPrivate(string? chatType) =>
        Assert.Equal(900123, Check(InitDataSigner.Sign(Token, InitDataSigner.Opening(900123, Now, chatType: chatType))).Launch?.ChatId);

    [Fact]
    public void WithoutAUser_IsNotPrivate()
    {
        var fields = InitDataSigner.Opening(900123, Now);
        fields.Remove("user");

        Assert.Equal(MiniAppRefusal.NotPrivate, Check(InitDataSigner.Sign(Token, fields)).Refusal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Nothing_IsMissing(string? initData) => Assert.Equal(MiniAppRefusal.Missing, Check(initData).Refusal);

    [Fact]
    public void WithoutABotToken_NothingCanBeChecked() =>
        Assert.Equal(MiniAppRefusal.BotOff, Check(InitDataSigner.Sign(Token, InitDataSigner.Opening(900123, Now)), token: "").Refusal);

    [Fact]
    public void TrackingCodeFromADigest_IsFixedByIt_AndAValidCode()
    {
        var digest = SHA256.HashData("miniapp:abc"u8);

        var code = TrackingCode.FromDigest(digest);

        Assert.Equal(code, TrackingCode.FromDigest(digest));
        Assert.NotEqual(code, TrackingCode.FromDigest(SHA256.HashData("miniapp:abd"u8)));
        Assert.True(TrackingCode.TryParse(code.ToString(), out var parsed));
        Assert.Equal(code, parsed);
        Assert.Equal("0000000000", TrackingCode.FromDigest(new byte[7]).Value);
        Assert.Equal("ZZZZZZZZZZ", TrackingCode.FromDigest(Enumerable.Repeat((byte)0xFF, 7).ToArray()).Value);
        Assert.Throws<ArgumentException>(() => TrackingCode.FromDigest(new byte[6]));
    }

    private static (MiniAppLaunch? Launch, MiniAppRefusal? Refusal) Check(string? initData, string token = Token) =>
        new MiniAppInitData(Options.Create(new TelegramOptions { BotToken = token }), new FakeTimeProvider(Now)).Check(initData);
}
