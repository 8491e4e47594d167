using NgoFunctions.Core.Telegram.Conversation;

namespace NgoFunctions.Tests.Telegram;

/// <summary>Inline-button data: within the Bot API's 64 bytes, and read back exactly.</summary>
[Trait("Category", "Unit")]
public sealed class CallbackDataTests
{
    [Theory]
    [InlineData(ConversationStep.Sector, "psychosocial")]
    [InlineData(ConversationStep.District, "SY0100")]
    [InlineData(ConversationStep.CancelRequest, "ABCDE12345")]
    [InlineData(ConversationStep.Rating, "ABCDE12345.5")]
    [InlineData(ConversationStep.Forget, "yes")]
    public void RoundTrip_WithinSixtyFourBytes(ConversationStep step, string value)
    {
        var wire = new CallbackData(step, value).ToString();

        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(wire), 1, CallbackData.MaxBytes);
        Assert.True(CallbackData.TryParse(wire, out var parsed));
        Assert.Equal(new CallbackData(step, value), parsed);
    }

    [Fact]
    public void ValueBeyondTheLimit_Throws()
    {
        Assert.Throws<ArgumentException>(() => new CallbackData(ConversationStep.Sector, new string('ع', 40)).ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("need:food")]
    [InlineData(":food")]
    [InlineData("z:food")]
    public void ForeignData_NotParsed(string? data)
    {
        Assert.False(CallbackData.TryParse(data, out _));
    }
}
