using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace NgoFunctions.App.Http;

/// <summary>Reads request bodies within limits, and says precisely what was wrong: too large, not
/// readable at all, or one field of the wrong type. Nothing here throws on bad input.</summary>
public static class BodyReader
{
    /// <summary>The largest body accepted, in bytes (64 KiB: a request with a 2,000-character Arabic
    /// description is under 10 KiB).</summary>
    public const int MaxBytes = 64 * 1024;

    private const int MaxFormFields = 64;
    // The web defaults, but a number must be a JSON number: "capacity":"5" is a value of the wrong type,
    // as "5" would be for a boolean.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.Strict };

    /// <summary>Reads a JSON body into <typeparamref name="T"/>.</summary>
    public static async Task<BodyResult<T>> ReadJsonAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class =>
        FromJson<T>(await ReadLimitedAsync(request, cancellationToken));

    /// <summary>As <see cref="ReadJsonAsync{T}"/>, and beside it the top-level string
    /// <paramref name="field"/>, one <typeparamref name="T"/> does not hold (the Mini App's
    /// <c>initData</c> beside a service request): <c>null</c> when absent, not a string, or the body
    /// is not a JSON object.</summary>
    public static async Task<(BodyResult<T> Body, string? Field)> ReadJsonWithFieldAsync<T>(HttpRequest request, string field, CancellationToken cancellationToken)
        where T : class
    {
        var bytes = await ReadLimitedAsync(request, cancellationToken);
        var body = FromJson<T>(bytes);
        if (body.Value is null)
        {
            return (body, null);
        }

        using var document = JsonDocument.Parse(bytes);
        return (body, document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null);
    }

    private static BodyResult<T> FromJson<T>(byte[]? bytes)
        where T : class
    {
        if (bytes is null)
        {
            return BodyResult<T>.Fail(BodyError.TooLarge, "body");
        }

        string? language;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (FieldWithInvalidText(document.RootElement) is { } invalid)
            {
                return BodyResult<T>.Fail(BodyError.InvalidText, invalid) with { Language = LanguageOf(document.RootElement) };
            }

            language = LanguageOf(document.RootElement);
        }
        catch (JsonException)
        {
            return BodyResult<T>.Fail(BodyError.Unreadable, "body");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(bytes, Json) is { } value
                ? BodyResult<T>.Ok(value)
                : BodyResult<T>.Fail(BodyError.Unreadable, "body");
        }
        catch (JsonException ex)
        {
            // The JSON is well formed, so the error is a value of the wrong type: "$.consent" → "consent".
            var field = ex.Path is { Length: > 2 } path ? path[2..].Split('.', '[')[0] : "body";
            return BodyResult<T>.Fail(BodyError.WrongType, field) with { Language = language };
        }
    }

    private static string? LanguageOf(JsonElement root) =>
        root is { ValueKind: JsonValueKind.Object } && root.TryGetProperty("language", out var given) && given.ValueKind == JsonValueKind.String
            && IsText(given)
            ? given.GetString()
            : null;

    // JSON may escape half of a UTF-16 surrogate pair ("\ud800"): the document parses, but the value is
    // no text that storage, a queue message or Telegram can take. Names the top-level field holding
    // the first such string (or property name), else null.
    private static string? FieldWithInvalidText(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return IsValidText(root) ? null : "body";
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!IsValidName(property) || !IsValidText(property.Value))
            {
                return IsValidName(property) ? property.Name : "body";
            }
        }

        return null;
    }

    private static bool IsValidText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => IsText(element),
        JsonValueKind.Array => element.EnumerateArray().All(IsValidText),
        JsonValueKind.Object => element.EnumerateObject().All(p => IsValidName(p) && IsValidText(p.Value)),
        _ => true,
    };

    private static bool IsText(JsonElement text)
    {
        try
        {
            _ = text.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsValidName(JsonProperty property)
    {
        try
        {
            _ = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Reads an <c>application/x-www-form-urlencoded</c> body.</summary>
    public static async Task<BodyResult<IFormCollection>> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return BodyResult<IFormCollection>.Fail(BodyError.TooLarge, "body");
        }

        try
        {
            var options = new FormOptions { ValueCountLimit = MaxFormFields, ValueLengthLimit = MaxBytes, BufferBodyLengthLimit = MaxBytes };
            return BodyResult<IFormCollection>.Ok(await request.ReadFormAsync(options, cancellationToken));
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            return BodyResult<IFormCollection>.Fail(BodyError.TooLarge, "body");
        }
    }

    private static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

/// <summary>What was wrong with a body.</summary>
public enum BodyError
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary>Larger than <see cref="BodyReader.MaxBytes"/>, or too many form fields (413).</summary>
    TooLarge,

    /// <summary>Not JSON, or not an object (400, field <c>body</c>).</summary>
    Unreadable,

    /// <summary>A field of the wrong type (400, that field).</summary>
    WrongType,

    /// <summary>A string holding half of a UTF-16 surrogate pair, which is no text (400, that field).</summary>
    InvalidText,
}

/// <summary>A body read by <see cref="BodyReader"/>: the value, or the error and the wire field it concerns.</summary>
/// <param name="Value">The value, when <paramref name="Error"/> is <see cref="BodyError.None"/>.</param>
/// <param name="Error">What was wrong.</param>
/// <param name="Field">The wire field concerned (<c>body</c> for the whole).</param>
public sealed record BodyResult<T>(T? Value, BodyError Error, string Field)
    where T : class
{
    /// <summary>The body's own top-level <c>language</c> string, when the JSON was well formed but a value
    /// had the wrong type or held invalid text (so the error can still answer in the language the caller asked for).</summary>
    public string? Language { get; init; }

    /// <summary>A value.</summary>
    public static BodyResult<T> Ok(T value) => new(value, BodyError.None, string.Empty);

    /// <summary>An error.</summary>
    public static BodyResult<T> Fail(BodyError error, string field) => new(null, error, field);
}
