using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace NgoFunctions.LocalHost.Worker;

/// <summary>Runs the worker as the Functions host does: a gRPC endpoint of its own on loopback (HTTP/2)
/// for the protocol, then the worker process, started the way its <c>worker.config.json</c> says
/// (<c>dotnet NgoFunctions.App.dll</c>) with the <c>--functions-uri</c>, worker id, request id and
/// message size arguments, in its own folder, with this host's settings as environment variables (as
/// app settings reach the worker in Azure). A worker that exits while the host runs is started again
/// after <see cref="WorkerHostOptions.RestartDelayMilliseconds"/>; on stop it is asked to terminate,
/// then killed after <see cref="WorkerHostOptions.StopGraceSeconds"/>.</summary>
internal sealed partial class WorkerProcess(
    WorkerChannel channel,
    WorkerEnvironment environment,
    IOptions<WorkerHostOptions> options,
    ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    /// <summary>The log category of every line the worker process writes to its stdout or stderr.</summary>
    public const string ConsoleCategory = "Worker.Console";

    private readonly ILogger _logger = loggers.CreateLogger<WorkerProcess>();
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _grpc;
    private Task _supervising = Task.CompletedTask;
    private Process? _process;

    /// <summary>The worker process's id while one runs (tests kill it to see the host recover).</summary>
    public int? ProcessId => _process is { } process && IsRunning(process) ? process.Id : null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _grpc = BuildGrpcServer();
        await _grpc.StartAsync(cancellationToken);
        var address = _grpc.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _supervising = SuperviseAsync(new Uri(address), _stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (channel.Current is { } session)
        {
            await session.TerminateAsync(TimeSpan.FromSeconds(options.Value.StopGraceSeconds));
        }

        if (_process is { } process && IsRunning(process))
        {
            using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            grace.CancelAfter(TimeSpan.FromSeconds(options.Value.StopGraceSeconds));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        await _supervising;
        if (_grpc is { } grpc)
        {
            await grpc.StopAsync(cancellationToken);
        }
    }

    // Idempotent: the container disposes this once as a singleton and once as the hosted service.
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _process, null) is { } process)
        {
            using (process)
            {
                if (IsRunning(process))
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }

        if (Interlocked.Exchange(ref _grpc, null) is { } grpc)
        {
            await grpc.DisposeAsync();
            _stopping.Dispose();
        }
    }

    private static bool IsRunning(Process process)
    {
        try
        {
            return !process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return false; // never started, or disposed
        }
    }

    private WebApplication BuildGrpcServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        // Its own endpoint only: no URLs, Kestrel endpoints or logging from the files and environment the
        // local host reads.
        builder.Configuration.Sources.Clear();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(channel);
        // The protocol's messages carry whole HTTP bodies and queue messages: no size limit of gRPC's own
        // (the worker is told the same with --functions-grpc-max-message-length).
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = grpc.MaxSendMessageSize = null);
        var app = builder.Build();
        app.MapGrpcService<FunctionRpcService>();
        return app;
    }

    private async Task SuperviseAsync(Uri grpcUri, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var process = Start(grpcUri);
                Interlocked.Exchange(ref _process, process)?.Dispose();
                await process.WaitForExitAsync(stopping);
                LogExited(process.Id, process.ExitCode);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
            {
                LogStartFailed(exception.Message);
            }

            try
            {
                await Task.Delay(options.Value.RestartDelayMilliseconds, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private Process Start(Uri grpcUri)
    {
        var directory = channel.AppDirectory;
        var (executable, workerPath) = ReadWorkerConfig(directory);
        var workerId = Guid.NewGuid().ToString();
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     Path.Combine(directory, workerPath),
                     "--functions-uri", grpcUri.ToString(),
                     "--functions-worker-id", workerId,
                     "--functions-request-id", Guid.NewGuid().ToString(),
                     "--functions-grpc-max-message-length", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment.For(directory))
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        var output = loggers.CreateLogger(ConsoleCategory);
        process.OutputDataReceived += (_, line) => LogConsole(output, line.Data);
        process.ErrorDataReceived += (_, line) => LogConsole(output, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        LogStarted(process.Id, workerId);
        return process;
    }

    private static (string Executable, string WorkerPath) ReadWorkerConfig(string directory)
    {
        using var config = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "worker.config.json")));
        var description = config.RootElement.GetProperty("description");
        return (description.GetProperty("defaultExecutablePath").GetString()!, description.GetProperty("defaultWorkerPath").GetString()!);
    }

    private static void LogConsole(ILogger output, string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            LogConsoleLine(output, line);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker process {ProcessId} started (worker {WorkerId})")]
    private partial void LogStarted(int processId, string workerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker process {ProcessId} exited with code {ExitCode}; starting another")]
    private partial void LogExited(int processId, int exitCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "The worker process could not start: {Reason}")]
    private partial void LogStartFailed(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private static partial void LogConsoleLine(ILogger logger, string line);
}
