using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace NgoFunctions.LocalHost.Worker;

/// <summary>How the local host runs the Functions app's functions.</summary>
public enum WorkerMode
{
    /// <summary>As the Functions host does: the built <c>NgoFunctions.App</c> worker runs as its own
    /// process and every invocation crosses the host ↔ worker gRPC protocol and, for HTTP, the worker's
    /// ASP.NET Core integration. What <c>./run.sh</c> runs.</summary>
    Process,

    /// <summary>The function classes are called in this process, with this container: only for tests
    /// that replace a service of the application (a clock they move, a failing dependency).</summary>
    InProcess,
}

/// <summary>Settings of the worker the local host runs (section <c>LocalHost:Worker</c>).</summary>
public sealed class WorkerHostOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "LocalHost:Worker";

    /// <summary>How functions run; <see cref="WorkerMode.Process"/> unless set.</summary>
    public WorkerMode Mode { get; set; } = WorkerMode.Process;

    /// <summary>The worker's build output folder (its <c>worker.config.json</c>, <c>functions.metadata</c>
    /// and assemblies); empty for the one this local host was built with.</summary>
    public string? Directory { get; set; }

    /// <summary>How long the worker may take from process start to its functions loaded, in seconds,
    /// before the local host gives up on it and starts it again (and HTTP calls waiting for it get 503).</summary>
    [Range(5, 600)]
    public int StartTimeoutSeconds { get; set; } = 60;

    /// <summary>How long after an unexpected exit of the worker process the local host starts another,
    /// in milliseconds (the Functions host restarts its worker too).</summary>
    [Range(0, 60_000)]
    public int RestartDelayMilliseconds { get; set; } = 500;

    /// <summary>How long the worker has to finish its invocations when the local host stops, in seconds,
    /// before its process is killed.</summary>
    [Range(0, 120)]
    public int StopGraceSeconds { get; set; } = 10;

    /// <summary>The worker's lowest log level (its <c>Logging:LogLevel:Default</c>), when set: the local
    /// host's own <c>Logging</c> section is not passed on to the worker, so this is how a run (or a test
    /// that checks what reaches the logs) sees the worker's debug output; the worker's default otherwise.</summary>
    public Microsoft.Extensions.Logging.LogLevel? LogLevel { get; set; }

    /// <summary>The worker folder: <see cref="Directory"/>, else the one recorded at build time.</summary>
    public string ResolveDirectory() =>
        Directory is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : typeof(WorkerHostOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                  .Single(a => a.Key == "NgoFunctions.WorkerDirectory").Value!;
}
