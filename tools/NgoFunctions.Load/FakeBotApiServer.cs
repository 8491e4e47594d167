using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NgoFunctions.Load;

/// <summary>A stand-in for the Telegram Bot API on <c>127.0.0.1:{port}</c> (Telegram cannot be reached
/// from a test machine, and its own latency is not what is measured): answers every method as the Bot
/// API would in shape (<c>{"ok":true,"result":...}</c>, a <c>Message</c> for <c>sendMessage</c>) at once,
/// and notes when each chat's first message arrived (<see cref="Stopwatch"/> timestamps).</summary>
public sealed class FakeBotApiServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<long>> _firstMessage = new();
    private int _messageId;

    private FakeBotApiServer(int port)
    {
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    /// <summary>Starts listening on <paramref name="port"/>.</summary>
    public static FakeBotApiServer Start(int port) => new(port);

    /// <summary>The <see cref="Stopwatch"/> timestamp of the first <c>sendMessage</c> to <paramref name="chatId"/>.</summary>
    public Task<long> FirstMessageAsync(long chatId) => Slot(chatId).Task;

    /// <inheritdoc />
    public void Dispose() => _listener.Close();

    private TaskCompletionSource<long> Slot(long chatId) =>
        _firstMessage.GetOrAdd(chatId, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var arrived = Stopwatch.GetTimestamp();
        var method = context.Request.Url!.Segments[^1];
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        JsonNode? result = true;
        if (method == "sendMessage" && JsonNode.Parse(body) is JsonObject parameters
            && long.TryParse(parameters["chat_id"]?.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chatId))
        {
            Slot(chatId).TrySetResult(arrived);
            result = new JsonObject
            {
                ["message_id"] = Interlocked.Increment(ref _messageId),
                ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "private" },
                ["text"] = parameters["text"]?.ToString(),
            };
        }

        var answer = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["ok"] = true, ["result"] = result });
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = answer.Length;
        await context.Response.OutputStream.WriteAsync(answer);
        context.Response.Close();
    }
}
