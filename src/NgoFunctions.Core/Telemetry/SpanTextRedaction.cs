using System.Diagnostics;
using OpenTelemetry;

namespace NgoFunctions.Core.Telemetry;

/// <summary>A span processor that rewrites a finished span's name and every string tag with
/// <see cref="Redact"/>, before any exporter sees them (processors run in the order they are added).
/// Each kind of text that must not leave the process is one subclass.</summary>
public abstract class SpanTextRedaction : BaseProcessor<Activity>
{
    /// <summary>What replaces a masked value.</summary>
    public const string Mask = "***";

    /// <summary><paramref name="text"/> with what this redaction masks replaced by <see cref="Mask"/>; the
    /// same string when there is nothing to mask.</summary>
    protected abstract string Redact(string text);

    /// <inheritdoc />
    public override void OnEnd(Activity data)
    {
        data.DisplayName = Redact(data.DisplayName);
        List<KeyValuePair<string, string>>? redacted = null;
        foreach (var tag in data.TagObjects)
        {
            if (tag.Value is string value && Redact(value) is var masked && masked != value)
            {
                (redacted ??= []).Add(new(tag.Key, masked));
            }
        }

        foreach (var (key, value) in redacted ?? [])
        {
            data.SetTag(key, value);
        }
    }
}
