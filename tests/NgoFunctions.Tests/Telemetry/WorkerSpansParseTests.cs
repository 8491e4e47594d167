using System.Diagnostics;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Telemetry;

/// <summary>Reading spans back from OpenTelemetry's console exporter output as the worker process prints
/// it (the lines below are its format, as the worker wrote them): whole blocks only, and other lines of
/// the worker, even between a block's lines, change nothing.</summary>
[Trait("Category", "Unit")]
public sealed class WorkerSpansParseTests
{
    private static readonly string[] Routing =
    [
        "Activity.TraceId:            9e78343c3968156835d1f1080633dafd",
        "Activity.SpanId:             27ba2e1503cf640c",
        "Activity.TraceFlags:         Recorded",
        "Activity.ParentSpanId:       fe02c854c57ee1e3",
        "Activity.DisplayName:        RouteRequest",
        "Activity.Kind:               Consumer",
        "Activity.StartTime:          2026-12-06T06:43:44.9178875Z",
        "Activity.Duration:           00:00:00.4777486",
        "Activity.Tags:",
        "    request.id: 46f67981-a542-4174-8465-ad28d43241dd",
        "Instrumentation scope (ActivitySource):",
        "    Name: NgoFunctions",
        "Resource associated with Activity:",
        "    service.name: NgoFunctions.App",
        "    telemetry.sdk.version: 1.20.1",
    ];

    private static readonly string[] Intake =
    [
        "Activity.TraceId:            9e78343c3968156835d1f1080633dafd",
        "Activity.SpanId:             44ccaa92a26d27aa",
        "Activity.TraceFlags:         Recorded",
        "Activity.DisplayName:        POST api/requests",
        "Activity.Kind:               Server",
        "Activity.Tags:",
        "    url.path: /api/requests",
        "    http.response.status_code: 202",
        "StatusCode: Unset",
        "Instrumentation scope (ActivitySource):",
        "    Name: Microsoft.AspNetCore",
        "Resource associated with Activity:",
        "    service.name: NgoFunctions.App",
    ];

    [Fact]
    public void Parse_ReadsIdsNameKindSourceAndTags_NotTheResource()
    {
        var spans = WorkerSpans.Parse([.. Routing, .. Intake]);

        Assert.Equal(2, spans.Count);
        var routing = spans[0];
        Assert.Equal("9e78343c3968156835d1f1080633dafd", routing.TraceId);
        Assert.Equal("27ba2e1503cf640c", routing.SpanId);
        Assert.Equal("fe02c854c57ee1e3", routing.ParentSpanId);
        Assert.Equal("RouteRequest", routing.DisplayName);
        Assert.Equal(ActivityKind.Consumer, routing.Kind);
        Assert.Equal("NgoFunctions", routing.Source);
        Assert.Equal(new Dictionary<string, string> { ["request.id"] = "46f67981-a542-4174-8465-ad28d43241dd" }, routing.Tags);

        var intake = spans[1];
        Assert.Null(intake.ParentSpanId);
        Assert.Equal("POST api/requests", intake.DisplayName);
        Assert.Equal(ActivityKind.Server, intake.Kind);
        Assert.Equal("/api/requests", intake.Tag("url.path"));
        Assert.Equal("202", intake.Tag("http.response.status_code"));
        Assert.Null(intake.Tag("service.name"));
    }

    [Fact]
    public void Parse_OtherLinesBetweenABlocksLines_AreSkipped()
    {
        string[] lines =
        [
            "info: NgoFunctions.Core.Routing.RequestRouter[0]",
            .. Routing[..9],
            "warn: Azure.Core[8]",
            "      Retrying: took 3000ms",
            .. Routing[9..],
        ];

        var span = Assert.Single(WorkerSpans.Parse(lines));

        Assert.Equal("46f67981-a542-4174-8465-ad28d43241dd", span.Tag("request.id"));
        Assert.Equal(["request.id"], span.Tags.Keys);
        Assert.Equal("RouteRequest", span.DisplayName);
    }

    [Fact]
    public void Parse_ABlockWithoutItsResourceYet_OrCutShort_IsNotASpan()
    {
        // Still arriving: its tags may not all be there.
        Assert.Empty(WorkerSpans.Parse(Routing[..^3]));

        // Cut short by the next block (a worker killed while it exported).
        var span = Assert.Single(WorkerSpans.Parse([.. Routing[..10], .. Intake]));
        Assert.Equal("POST api/requests", span.DisplayName);
    }
}
