using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using NgoFunctions.Core.Telemetry;
using NgoFunctions.LocalHost.Worker;

namespace NgoFunctions.Tests.Infrastructure;

/// <summary>The spans the real worker process finished, as a test sees them without running any of the
/// application in its own process: the worker exports its spans with OpenTelemetry's console exporter
/// (<see cref="Settings"/>), the local host writes each line of the worker's stdout to its logging under
/// <see cref="WorkerProcess.ConsoleCategory"/>, and this collects those lines (<see cref="AddTo"/>) and
/// reads the exporter's blocks back into <see cref="ExportedSpan"/>s. Only the worker's spans: the local
/// host's own (its server span of a forwarded request, its queue polling) are not in the worker's output.</summary>
public sealed partial class WorkerSpans
{
    private readonly CapturingLoggerProvider _console = new();

    /// <summary>The settings that make the worker export its spans to its console (<c>Telemetry:Console</c>).
    /// The local host reads them too and writes its own spans to the test process's console, which nothing
    /// here reads.</summary>
    public static Dictionary<string, string?> Settings() =>
        new() { [$"{TelemetryOptions.SectionName}:{nameof(TelemetryOptions.Console)}"] = "true" };

    /// <summary>Collects the worker's console lines from the local host's <paramref name="logging"/> (pass
    /// it as <c>TestSystem.StartAsync</c>'s <c>logging</c>), and nothing else the host logs.</summary>
    public void AddTo(ILoggingBuilder logging) => logging.AddProvider(_console)
        .AddFilter<CapturingLoggerProvider>(null, LogLevel.None)
        .AddFilter<CapturingLoggerProvider>(WorkerProcess.ConsoleCategory, LogLevel.Trace);

    /// <summary>Every span the worker has exported so far, in the order it exported them.</summary>
    public IReadOnlyList<ExportedSpan> Snapshot() =>
        Parse(_console.Entries.Where(e => e.Category == WorkerProcess.ConsoleCategory).Select(e => e.Message));

    /// <summary>Reads the spans in <paramref name="lines"/>, OpenTelemetry's console exporter's output
    /// (one block per span: <c>Activity.TraceId:</c> first, then the span's ids, name, kind and
    /// <c>Activity.Tags:</c>, then its instrumentation scope, and <c>Resource associated with
    /// Activity:</c> last). A block counts once its resource header has come, so a span read while its
    /// lines are still arriving is not returned with some of its tags missing; a block cut short (a
    /// worker killed while exporting) is dropped when the next begins. Lines that are not the exporter's
    /// (anything else the worker prints, which may come between the lines of a block) are skipped:
    /// only the exporter's own headers end a section, and a tag is a line indented by exactly four
    /// spaces.</summary>
    public static IReadOnlyList<ExportedSpan> Parse(IEnumerable<string> lines)
    {
        var spans = new List<ExportedSpan>();
        Block? block = null;
        foreach (var line in lines)
        {
            if (Field(line, "Activity.TraceId:") is { } traceId)
            {
                block = new Block { TraceId = traceId };
                continue;
            }

            if (block is null)
            {
                continue;
            }

            if (line.StartsWith("Resource associated with Activity:", StringComparison.Ordinal))
            {
                if (block.Complete() is { } span)
                {
                    spans.Add(span);
                }

                block = null;
            }
            else if (line.StartsWith("Activity.", StringComparison.Ordinal) || line.StartsWith("StatusCode:", StringComparison.Ordinal))
            {
                block.Section = line.StartsWith("Activity.Tags:", StringComparison.Ordinal) ? Section.Tags : Section.None;
                block.SpanId = Field(line, "Activity.SpanId:") ?? block.SpanId;
                block.ParentSpanId = Field(line, "Activity.ParentSpanId:") ?? block.ParentSpanId;
                block.DisplayName = Field(line, "Activity.DisplayName:") ?? block.DisplayName;
                block.Kind = Field(line, "Activity.Kind:") is { } kind ? Enum.Parse<ActivityKind>(kind) : block.Kind;
            }
            else if (line.StartsWith("Instrumentation scope (ActivitySource):", StringComparison.Ordinal))
            {
                block.Section = Section.Scope;
            }
            else if (TagLine().Match(line) is { Success: true } tag)
            {
                if (block.Section == Section.Tags)
                {
                    block.Tags[tag.Groups["key"].Value] = tag.Groups["value"].Value;
                }
                else if (block.Section == Section.Scope && tag.Groups["key"].Value == "Name")
                {
                    block.Source = tag.Groups["value"].Value;
                }
            }
        }

        return spans;
    }

    // "Activity.Kind:               Consumer" → "Consumer"; null for a line of another field.
    private static string? Field(string line, string header) =>
        line.StartsWith(header, StringComparison.Ordinal) ? line[header.Length..].Trim() : null;

    // The exporter writes each tag (and each scope and resource attribute) as "    key: value".
    [GeneratedRegex("^ {4}(?<key>[^ :][^:]*): (?<value>.*)$")]
    private static partial Regex TagLine();

    private enum Section
    {
        None,
        Tags,
        Scope,
    }

    private sealed class Block
    {
        public required string TraceId { get; init; }

        public string? SpanId { get; set; }

        public string? ParentSpanId { get; set; }

        public string? DisplayName { get; set; }

        public ActivityKind? Kind { get; set; }

        public string? Source { get; set; }

        public Section Section { get; set; }

        public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

        public ExportedSpan? Complete() => SpanId is null || DisplayName is null || Kind is null
            ? null
            : new ExportedSpan(TraceId, SpanId, ParentSpanId, DisplayName, Kind.Value, Source, new ReadOnlyDictionary<string, string>(Tags));
    }
}

/// <summary>One span as the worker's console exporter wrote it: ids as lower-case hex, and every tag's
/// value as the text the exporter printed.</summary>
/// <param name="TraceId">The trace id (32 hex digits).</param>
/// <param name="SpanId">The span id (16 hex digits).</param>
/// <param name="ParentSpanId">The parent's span id; <c>null</c> for a root span.</param>
/// <param name="DisplayName">The span's name, e.g. <c>RouteRequest</c> or <c>POST api/requests</c>.</param>
/// <param name="Kind">Server, client, consumer…</param>
/// <param name="Source">The activity source that made it, e.g. <c>NgoFunctions</c>.</param>
/// <param name="Tags">The span's tags.</param>
public sealed record ExportedSpan(
    string TraceId, string SpanId, string? ParentSpanId, string DisplayName, ActivityKind Kind, string? Source, IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>The tag's value, or <c>null</c> when the span has no such tag.</summary>
    public string? Tag(string key) => Tags.TryGetValue(key, out var value) ? value : null;

    /// <summary>The span on one line, its tags included (what a failed assertion shows).</summary>
    public override string ToString() =>
        $"{DisplayName} ({Kind}, {Source}) trace {TraceId} span {SpanId} parent {ParentSpanId ?? "none"} [{string.Join(", ", Tags.Select(t => $"{t.Key}={t.Value}"))}]";
}
