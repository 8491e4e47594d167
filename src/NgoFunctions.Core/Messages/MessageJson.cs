using System.Text.Json;

namespace NgoFunctions.Core.Messages;

/// <summary>The one JSON shape of queue messages: camelCase, System.Text.Json.</summary>
public static class MessageJson
{
    /// <summary>Serializer options for every queue message.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>Reads a message body. Throws <see cref="InvalidDataException"/> when it is not valid
    /// JSON of that shape: the queue retries, then parks it on the poison queue, where it is kept.</summary>
    public static T Read<T>(string body)
        where T : class =>
        TryRead<T>(body) ?? throw new InvalidDataException($"Queue message is not a readable {typeof(T).Name}.");

    /// <summary>Reads a message body; <c>null</c> when it is not valid JSON of that shape.</summary>
    public static T? TryRead<T>(string body)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
