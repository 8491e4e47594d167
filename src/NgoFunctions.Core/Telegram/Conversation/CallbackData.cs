using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace NgoFunctions.Core.Telegram.Conversation;

/// <summary>Callback data of the bot's inline buttons: <c>{step}:{value}</c>, where the step says which
/// question the button answers, so a button pressed twice, or from an old message, can be told
/// apart from an answer to the current question. Always within the Bot API's 64 bytes.</summary>
/// <param name="Step">The step the button belongs to.</param>
/// <param name="Value">The answer (a code, never free text).</param>
public sealed record CallbackData(ConversationStep Step, string Value)
{
    /// <summary>The Bot API's limit on callback data, in bytes.</summary>
    public const int MaxBytes = 64;

    private static readonly Dictionary<ConversationStep, string> Codes = new()
    {
        [ConversationStep.Language] = "l",
        [ConversationStep.Sector] = "s",
        [ConversationStep.Governorate] = "g",
        [ConversationStep.District] = "d",
        [ConversationStep.Phone] = "p",
        [ConversationStep.Consent] = "c",
        [ConversationStep.Summary] = "m",
        [ConversationStep.CancelRequest] = "x",
        [ConversationStep.Rating] = "r",
        [ConversationStep.Forget] = "f",
        [ConversationStep.Closure] = "k",
    };

    /// <summary>The wire form. Throws <see cref="ArgumentException"/> beyond 64 bytes.</summary>
    public override string ToString()
    {
        var text = $"{Codes[Step]}:{Value}";
        return Encoding.UTF8.GetByteCount(text) <= MaxBytes ? text : throw new ArgumentException($"Callback data over {MaxBytes} bytes: {text}");
    }

    /// <summary>Parses what a button sent back; <c>false</c> for anything else.</summary>
    public static bool TryParse(string? data, [NotNullWhen(true)] out CallbackData? parsed)
    {
        parsed = null;
        var colon = data?.IndexOf(':') ?? -1;
        if (colon <= 0)
        {
            return false;
        }

        var code = data![..colon];
        var step = Codes.FirstOrDefault(c => c.Value == code);
        if (step.Value is null)
        {
            return false;
        }

        parsed = new CallbackData(step.Key, data[(colon + 1)..]);
        return true;
    }
}
