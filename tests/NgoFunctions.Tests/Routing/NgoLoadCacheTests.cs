using Azure;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NgoFunctions.Core.Routing;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Routing;

/// <summary>The router's copy of the NGO load counters on its own, with a clock the test moves: a hit
/// is a copy, a copy expires after <c>Routing:LoadCacheSeconds</c>, 0 keeps nothing, the bound drops
/// the least recently used, and reservations at one NGO take turns while other NGOs do not wait.</summary>
[Trait("Category", "Unit")]
public sealed class NgoLoadCacheTests : IDisposable
{
    // Long enough for a wait that should end, short enough for one that should not to be seen.
    private static readonly TimeSpan Ends = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Blocked = TimeSpan.FromMilliseconds(200);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly RoutingOptions _options = new() { LoadCacheSeconds = 5 };
    private readonly NgoLoadCache _cache;

    public NgoLoadCacheTests() => _cache = new NgoLoadCache(Options.Create(_options), _clock);

    public void Dispose() => _cache.Dispose();

    [Fact]
    public void FreshHit_IsANewCopy_ThatTheCallerMayChange()
    {
        var stored = Load("homs-shelter", openCases: 3, accepted: 7, notAccepted: 2, etag: "W/\"1\"");
        _cache.Set(stored);
        stored.OpenCases = 40; // the caller's entity is not the cached one

        Assert.True(_cache.TryGet("homs-shelter", out var first));
        first.OpenCases = 99;
        first.ETag = new ETag("W/\"changed\"");
        Assert.True(_cache.TryGet("homs-shelter", out var second));

        Assert.NotSame(first, second);
        Assert.NotSame(stored, second);
        Assert.Equal("homs-shelter", second.PartitionKey);
        Assert.Equal(Keys.NgoLoadRow, second.RowKey);
        Assert.Equal((3, 7, 2), (second.OpenCases, second.Accepted, second.NotAccepted));
        Assert.Equal(new ETag("W/\"1\""), second.ETag);
    }

    [Fact]
    public void Miss_ForAnNgoNeverHeld()
    {
        Assert.False(_cache.TryGet("never-set", out var load));
        Assert.Null(load);
    }

    [Fact]
    public void Copy_ExpiresAfterLoadCacheSeconds_OnTheInjectedClock()
    {
        _cache.Set(Load("aleppo-food", openCases: 1));

        _clock.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        Assert.True(_cache.TryGet("aleppo-food", out _));

        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.False(_cache.TryGet("aleppo-food", out _));

        // Read again: held again from now.
        _cache.Set(Load("aleppo-food", openCases: 2));
        Assert.True(_cache.TryGet("aleppo-food", out var again));
        Assert.Equal(2, again.OpenCases);
    }

    [Fact]
    public void Set_WithLoadCacheSecondsZero_KeepsNothing()
    {
        _options.LoadCacheSeconds = 0;
        _cache.Set(Load("idlib-health", openCases: 1));
        Assert.False(_cache.TryGet("idlib-health", out _));

        // Turning the copy back on shows nothing was kept while it was off (not merely judged stale).
        _options.LoadCacheSeconds = 5;
        Assert.False(_cache.TryGet("idlib-health", out _));
    }

    [Fact]
    public void Remove_ForgetsTheCopy_AndOnlyThatOne()
    {
        _cache.Set(Load("daraa-small", openCases: 1));
        _cache.Set(Load("daraa-large", openCases: 2));

        _cache.Remove("daraa-small");
        _cache.Remove("never-set");

        Assert.False(_cache.TryGet("daraa-small", out _));
        Assert.True(_cache.TryGet("daraa-large", out _));
    }

    [Fact]
    public async Task PastMaxEntries_TheLeastRecentlyUsedGo_NotEverything()
    {
        _options.LoadCacheSeconds = 300; // none expires while the cache is filled
        for (var i = 0; i < NgoLoadCache.MaxEntries; i++)
        {
            _cache.Set(Load(Ngo(i), openCases: i));
            _clock.Advance(TimeSpan.FromMilliseconds(1)); // a strict order of use
        }

        Assert.True(_cache.TryGet(Ngo(0), out _)); // the oldest copy, used again: now the most recent
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        // One more NGO is past the bound: the cache compacts in the background until there is room.
        await Eventually.HoldsAsync(
            () =>
            {
                _cache.Set(Load("one-more", openCases: 1));
                return _cache.TryGet("one-more", out _);
            },
            Ends,
            "room made past MaxEntries");
        Assert.False(_cache.TryGet(Ngo(1), out _));                           // least recently used: dropped
        Assert.True(_cache.TryGet(Ngo(0), out _));                            // used again: kept
        Assert.True(_cache.TryGet(Ngo(NgoLoadCache.MaxEntries - 1), out _)); // newest: kept
        var held = Enumerable.Range(0, NgoLoadCache.MaxEntries).Count(i => _cache.TryGet(Ngo(i), out _));
        Assert.InRange(held, NgoLoadCache.MaxEntries / 2, NgoLoadCache.MaxEntries - 1);
    }

    [Fact]
    public async Task EnterAsync_SameNgoTakesTurns_OtherNgosDoNotWait()
    {
        var first = await _cache.EnterAsync("homs-shelter", CancellationToken.None);
        var second = _cache.EnterAsync("homs-shelter", CancellationToken.None);

        using (await _cache.EnterAsync("aleppo-food", CancellationToken.None).WaitAsync(Ends))
        {
            await Task.Delay(Blocked);
            Assert.False(second.IsCompleted, "the second entered while the first held the NGO");
        }

        first.Dispose();
        first.Dispose(); // once released, disposing again gives away no second turn
        var secondTurn = await second.WaitAsync(Ends);

        var third = _cache.EnterAsync("homs-shelter", CancellationToken.None);
        await Task.Delay(Blocked);
        Assert.False(third.IsCompleted, "a second Dispose of one handle let two in");

        secondTurn.Dispose();
        (await third.WaitAsync(Ends)).Dispose();
    }

    [Fact]
    public async Task EnterAsync_CancelledWhileWaiting_Throws_AndTakesNoTurn()
    {
        var holder = await _cache.EnterAsync("homs-shelter", CancellationToken.None);
        using var cancellation = new CancellationTokenSource();
        var waiting = _cache.EnterAsync("homs-shelter", cancellation.Token);

        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Ends));

        holder.Dispose();
        (await _cache.EnterAsync("homs-shelter", CancellationToken.None).WaitAsync(Ends)).Dispose();
    }

    private static string Ngo(int i) => $"ngo-{i:D5}";

    private static NgoLoadEntity Load(string ngoId, int openCases, int accepted = 0, int notAccepted = 0, string etag = "W/\"0\"") => new()
    {
        PartitionKey = ngoId,
        RowKey = Keys.NgoLoadRow,
        OpenCases = openCases,
        Accepted = accepted,
        NotAccepted = notAccepted,
        ETag = new ETag(etag),
    };
}
