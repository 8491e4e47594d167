using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NgoFunctions.Tests.Infrastructure;

/// <summary>A local stand-in for the Telegram Bot API server (Telegram cannot be reached from here):
/// answers <c>GET</c> and <c>POST /bot{token}/{method}</c> as the real server does and records every call. The real
/// <c>Telegram.Bot</c> client is pointed at it through <c>Telegram:ApiBaseUrl</c>.</summary>
public sealed class FakeBotApi : IAsyncDisposable
{
    /// <summary>Telegram's limit on a message's text, in UTF-16 code units.</summary>
    public const int MaxMessageLength = 4096;

    private readonly WebApplication _app;
    private int _messageId;

    private FakeBotApi(WebApplication app) => _app = app;

    /// <summary>Every call the server answered (successfully or with a Bot API error such as 403 or 429),
    /// in arrival order; calls failed by <see cref="Faults"/> are in <see cref="FailedCalls"/> instead.</summary>
    public ConcurrentQueue<BotApiCall> Calls { get; } = new();

    /// <summary>Calls failed on purpose by <see cref="Faults"/>: the connection dropped or a 502 page.</summary>
    public ConcurrentQueue<BotApiCall> FailedCalls { get; } = new();

    /// <summary>Faults to inject, switchable while the server runs.</summary>
    public BotApiFaults Faults { get; } = new();

    /// <summary>Chats that blocked the bot: <c>sendMessage</c> to them answers 403.</summary>
    public ConcurrentDictionary<long, bool> BlockedChats { get; } = new();

    /// <summary>Chats whose next <c>sendMessage</c> answers 429 with <c>retry_after</c> = the value (seconds).</summary>
    public ConcurrentDictionary<long, int> RateLimitOnce { get; } = new();

    /// <summary>Each group's administrators by user id (the first one its creator): <c>getChatMember</c>
    /// answers <c>creator</c> or <c>administrator</c> for them and <c>member</c> for anyone else, and
    /// <c>getChatAdministrators</c> lists them. A group not named here has no administrator the bot can see.</summary>
    public ConcurrentDictionary<long, long[]> GroupAdministrators { get; } = new();

    /// <summary>Methods (e.g. <c>getChatMember</c>) that answer a proxy's 502 page, as when the Bot API is
    /// down, while the others work.</summary>
    public ConcurrentDictionary<string, bool> FailingMethods { get; } = new();

    /// <summary>The server's base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Starts the server on a free loopback port.</summary>
    public static async Task<FakeBotApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeBotApi(app);
        app.MapMethods("/{botToken}/{method}", ["GET", "POST"], fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return fake;
    }

    /// <summary>Waits until a call matching <paramref name="match"/> arrived; fails after <paramref name="timeout"/>.</summary>
    public async Task<BotApiCall> WaitForAsync(Func<BotApiCall, bool> match, TimeSpan timeout) => (await Eventually.ReadsAsync(
        () => Task.FromResult(Calls.FirstOrDefault(match)),
        call => call is not null,
        timeout,
        "a matching Bot API call",
        _ => "calls " + string.Join(", ", Calls.Select(c => c.Method))))!;

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> HandleAsync(string botToken, string method, HttpContext context)
    {
        if (!botToken.StartsWith("bot", StringComparison.Ordinal))
        {
            return Results.NotFound();
        }

        var body = await ReadParametersAsync(context.Request);
        var call = new BotApiCall(botToken[3..], method, body);
        switch (Faults.Next())
        {
            case BotApiFault.DropConnection:
                FailedCalls.Enqueue(call);
                context.Abort();
                return Results.Empty;
            case BotApiFault.BadGateway:
                // What a proxy in front of the Bot API answers when it is down: not the Bot API's JSON.
                FailedCalls.Enqueue(call);
                return Results.Content("<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html", statusCode: 502);
        }

        if (FailingMethods.ContainsKey(method))
        {
            FailedCalls.Enqueue(call);
            return Results.Content("<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html", statusCode: 502);
        }

        Calls.Enqueue(call);
        switch (method)
        {
            case "getChatMember":
                return Results.Json(new { ok = true, result = Member(call.ChatId ?? 0, call.Parameters["user_id"] is { } user && long.TryParse(user.ToString(), out var id) ? id : 0) });
            case "getChatAdministrators":
                return Results.Json(new { ok = true, result = GroupAdministrators.GetValueOrDefault(call.ChatId ?? 0, []).Select(a => Member(call.ChatId ?? 0, a)).ToArray() });
            case not "sendMessage":
                return Results.Json(new { ok = true, result = true });
        }

        var chatId = call.ChatId ?? 0;
        if (RateLimitOnce.TryRemove(chatId, out var retryAfter))
        {
            return Results.Json(new { ok = false, error_code = 429, description = $"Too Many Requests: retry after {retryAfter}", parameters = new { retry_after = retryAfter } }, statusCode: 429);
        }

        // As the Bot API: a message text is at most 4,096 UTF-16 code units (after entities are parsed).
        if (call.Text is { Length: > MaxMessageLength })
        {
            return Results.Json(new { ok = false, error_code = 400, description = "Bad Request: message is too long" }, statusCode: 400);
        }

        if (BlockedChats.ContainsKey(chatId))
        {
            return Results.Json(new { ok = false, error_code = 403, description = "Forbidden: bot was blocked by the user" }, statusCode: 403);
        }

        return Results.Json(new
        {
            ok = true,
            result = new
            {
                message_id = Interlocked.Increment(ref _messageId),
                date = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                chat = new { id = chatId, type = "private" },
                text = call.Text,
            },
        });
    }

    // A ChatMember as the Bot API shapes it: the creator, an administrator with every right, or a member.
    private object Member(long chatId, long userId)
    {
        var user = new { id = userId, is_bot = false, first_name = "عضو" };
        var admins = GroupAdministrators.GetValueOrDefault(chatId, []);
        if (admins.Length > 0 && admins[0] == userId)
        {
            return new { status = "creator", user, is_anonymous = false };
        }

        return admins.Contains(userId)
            ? (object)new
            {
                status = "administrator", user, can_be_edited = false, is_anonymous = false, can_manage_chat = true, can_delete_messages = true,
                can_manage_video_chats = true, can_restrict_members = true, can_promote_members = false, can_change_info = true, can_invite_users = true,
                can_post_stories = false, can_edit_stories = false, can_delete_stories = false,
            }
            : new { status = "member", user };
    }

    private static async Task<JsonObject> ReadParametersAsync(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method))
        {
            return new JsonObject(request.Query.Select(q => KeyValuePair.Create(q.Key, (JsonNode?)q.Value.ToString())));
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            var result = new JsonObject();
            foreach (var (key, value) in form)
            {
                result[key] = value.ToString();
            }

            return result;
        }

        return await JsonSerializer.DeserializeAsync<JsonObject>(request.Body) ?? new JsonObject();
    }
}

/// <summary>Faults the fake Bot API injects: a whole outage (every call answers 502) or a share of calls
/// failing at random (seeded, so a run can be repeated), half of them by dropping the connection and
/// half with a 502 page. Thread-safe; switch it while the server runs.</summary>
public sealed class BotApiFaults
{
    private readonly Lock _gate = new();
    private Random _random = new(12345);
    private double _failureRate;
    private bool _down;

    /// <summary>Every call fails with 502 while set.</summary>
    public bool Down
    {
        get { lock (_gate) { return _down; } }
        set { lock (_gate) { _down = value; } }
    }

    /// <summary>Fails this share of calls (0–1) at random, with this seed.</summary>
    public void FailAtRandom(double rate, int seed = 12345)
    {
        lock (_gate)
        {
            _failureRate = rate;
            _random = new Random(seed);
        }
    }

    /// <summary>The fault for the next call.</summary>
    public BotApiFault Next()
    {
        lock (_gate)
        {
            if (_down)
            {
                return BotApiFault.BadGateway;
            }

            if (_failureRate > 0 && _random.NextDouble() < _failureRate)
            {
                return _random.Next(2) == 0 ? BotApiFault.DropConnection : BotApiFault.BadGateway;
            }

            return BotApiFault.None;
        }
    }
}

/// <summary>A fault injected into one Bot API call.</summary>
public enum BotApiFault
{
    /// <summary>Answered normally.</summary>
    None,

    /// <summary>The connection is dropped without an answer.</summary>
    DropConnection,

    /// <summary>A proxy's 502 page.</summary>
    BadGateway,
}

/// <summary>One call the fake Bot API received.</summary>
/// <param name="Token">The bot token from the URL.</param>
/// <param name="Method">The Bot API method, e.g. <c>sendMessage</c>.</param>
/// <param name="Parameters">The parameters as sent.</param>
public sealed record BotApiCall(string Token, string Method, JsonObject Parameters)
{
    /// <summary>The <c>chat_id</c> parameter.</summary>
    public long? ChatId => Parameters["chat_id"] is { } id && long.TryParse(id.ToString(), out var value) ? value : null;

    /// <summary>The <c>text</c> parameter.</summary>
    public string? Text => Parameters["text"]?.ToString();

    /// <summary>The callback data of every inline button that sends some, by label.</summary>
    public IReadOnlyDictionary<string, string> Buttons =>
        (Markup?["inline_keyboard"]?.AsArray() ?? [])
            .SelectMany(row => row!.AsArray())
            .Where(b => b!["callback_data"] is not null)
            .ToDictionary(b => b!["text"]!.ToString(), b => b!["callback_data"]!.ToString());

    /// <summary>The page of every inline button that opens a Mini App (<c>web_app.url</c>), by label.</summary>
    public IReadOnlyDictionary<string, string> WebAppButtons =>
        (Markup?["inline_keyboard"]?.AsArray() ?? [])
            .SelectMany(row => row!.AsArray())
            .Where(b => b!["web_app"] is not null)
            .ToDictionary(b => b!["text"]!.ToString(), b => b!["web_app"]!["url"]!.ToString());

    /// <summary>The labels of the reply-keyboard buttons and what each asks to share.</summary>
    public IReadOnlyList<string> RequestButtons =>
        (Markup?["keyboard"]?.AsArray() ?? [])
            .SelectMany(row => row!.AsArray())
            .Select(b => b!["request_location"] is not null ? "location" : b!["request_contact"] is not null ? "contact" : b!["text"]!.ToString())
            .ToList();

    private JsonNode? Markup => Parameters["reply_markup"] is { } markup
        ? markup.GetValueKind() == JsonValueKind.String ? JsonNode.Parse(markup.ToString()) : markup
        : null;
}
