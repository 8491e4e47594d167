namespace NgoFunctions.Core.Telegram;

/// <summary>The Bot API could not be reached for longer than the delivery settings wait
/// (<see cref="Delivery.DeliveryOptions.GiveUpAfterHours"/>): the message goes to its poison queue,
/// where it is kept and can be replayed. The message carries ids only.</summary>
public sealed class BotApiUnavailableException(string message) : Exception(message);
