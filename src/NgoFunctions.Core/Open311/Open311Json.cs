using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NgoFunctions.Core.Open311;

/// <summary>How GeoReport v2 bodies are written in JSON: snake-case names (<c>service_code</c>), nulls kept
/// (the spec lists every field, empty or not), times as ISO 8601 with their offset, Arabic as is (UTF-8,
/// not <c>\u</c> escapes).</summary>
public static class Open311Json
{
    /// <summary>The serializer options of every Open311 body.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary><paramref name="value"/> as a JSON tree, ready to be written as JSON or as XML.</summary>
    public static JsonNode ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, Options)
        ?? throw new ArgumentNullException(nameof(value));
}
