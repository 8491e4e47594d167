using System.Globalization;

namespace NgoFunctions.Core.Telegram;

/// <summary>A Telegram request's address on its channel (<see cref="Storage.ServiceRequestEntity.ChannelAddress"/>):
/// the private chat's id, as invariant decimal text.</summary>
public static class TelegramAddress
{
    /// <summary>The address of chat <paramref name="chatId"/>.</summary>
    public static string Of(long chatId) => chatId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The chat id in <paramref name="address"/>, or <c>null</c> when there is none or it is not one.</summary>
    public static long? ChatOf(string? address) =>
        long.TryParse(address, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chatId) ? chatId : null;
}
