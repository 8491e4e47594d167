using System.Diagnostics;
using System.Net.Sockets;

namespace NgoFunctions.Tests.Infrastructure;

/// <summary>A real Azurite process from the repository's <c>node_modules</c>, on free ports, with
/// in-memory persistence and its telemetry (sent to Microsoft by default) off, shared by the tests of
/// the <see cref="StorageCollection"/>; a test class that pauses it owns a <see cref="DedicatedAzurite"/>.
/// Each test uses its own tables and queues (see <see cref="TestNames"/>).</summary>
public class AzuriteFixture : IAsyncLifetime
{
    // Azurite's well-known development account key (public, documented; not a secret).
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private Process? _process;
    private string? _workDir;

    /// <summary>Connection string for all three services.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var azurite = Path.Combine(RepositoryPaths.Root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException("Azurite is not installed: run ./test.sh (it runs npm ci first).");
        }

        var ports = FreePort.Next(3);
        int blob = ports[0], queue = ports[1], table = ports[2];
        _workDir = Directory.CreateTempSubdirectory("azurite-").FullName;
        var start = new ProcessStartInfo(azurite)
        {
            WorkingDirectory = _workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "--silent", "--inMemoryPersistence", "--extentMemoryLimit", "256", "--skipApiVersionCheck", "--disableTelemetry",
                "--blobPort", blob.ToString(), "--queuePort", queue.ToString(), "--tablePort", table.ToString(),
            },
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        foreach (var port in new[] { blob, queue, table })
        {
            await WaitForPortAsync(port, TimeSpan.FromSeconds(30));
        }

        const string account = "devstoreaccount1";
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={account};AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/{account};QueueEndpoint=http://127.0.0.1:{queue}/{account};TableEndpoint=http://127.0.0.1:{table}/{account};";
    }

    /// <summary>Stops the process (SIGSTOP): its ports still accept connections (the kernel's backlog),
    /// but nothing answers, as with a paused or stalled storage account. Only for a fixture of its own
    /// (a class fixture), never the shared one.</summary>
    public Task PauseAsync() => SignalAsync("STOP");

    /// <summary>Lets a paused process go on (SIGCONT).</summary>
    public Task ResumeAsync() => SignalAsync("CONT");

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process!.Id.ToString()]);
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} failed with {kill.ExitCode}.");
        }
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        // SIGKILL ends a stopped process too, so a test that failed while Azurite was paused leaves nothing.
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        if (_workDir is not null)
        {
            Directory.Delete(_workDir, recursive: true);
        }

        return Task.CompletedTask;
    }

    private async Task WaitForPortAsync(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode}.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}

/// <summary>An Azurite process of one test class (an <c>IClassFixture</c>), which it may pause or stop
/// without disturbing the others. A type of its own, so that a class of the <see cref="StorageCollection"/>
/// can have both.</summary>
public sealed class DedicatedAzurite : AzuriteFixture;

/// <summary>The tests that need Azurite share one process; the collection runs its classes one at a
/// time, which also keeps timing-sensitive end-to-end checks off a crowded 2-core machine.</summary>
[CollectionDefinition(Name)]
public sealed class StorageCollection : ICollectionFixture<AzuriteFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Storage";
}
