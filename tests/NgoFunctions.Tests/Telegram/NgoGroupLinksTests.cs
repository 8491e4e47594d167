using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NgoFunctions.Core.Storage;
using NgoFunctions.Core.Telegram.Groups;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Telegram;

/// <summary>The in-process copy of whether an NGO has a linked Telegram group
/// (<see cref="NgoGroupLinks.IsLinkedAsync"/>), against Azurite with a clock the test moves: asked again
/// within <c>Telegram:GroupLinkCacheSeconds</c> it reads nothing; a link made in this process is seen at
/// once; a link made elsewhere is seen once the copy is older than that.</summary>
[Collection(StorageCollection.Name)]
public sealed class NgoGroupLinksTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private TestSystem _system = null!;
    private NgoGroupLinks _links = null!;
    private StorageTransactionCounter _counter = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(
            azurite,
            new Dictionary<string, string?> { ["Telegram:GroupLinkCacheSeconds"] = "30", ["Sla:SweepSchedule"] = "0 0 0 1 1 *" },
            services => services.AddSingleton<TimeProvider>(_clock));
        _links = _system.App.Services.GetRequiredService<NgoGroupLinks>();
        _counter = _system.App.Services.GetRequiredService<StorageTransactionCounter>();
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    private long LinkReads => _counter.Operation($"table GET {_system.Names.ConversationsTable} point");

    [Fact]
    public async Task AskedAgainWithinTheTime_ReadsNothing()
    {
        var before = LinkReads;

        Assert.False(await _links.IsLinkedAsync("hama-shelter", CancellationToken.None));
        Assert.False(await _links.IsLinkedAsync("hama-shelter", CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(await _links.IsLinkedAsync("hama-shelter", CancellationToken.None));

        Assert.Equal(1, LinkReads - before);
    }

    [Fact]
    public async Task LinkedInThisProcess_SeenAtOnce()
    {
        Assert.False(await _links.IsLinkedAsync("homs-clinic", CancellationToken.None));
        var (code, _) = await _links.IssueAsync("homs-clinic", CancellationToken.None);
        Assert.Equal("homs-clinic", await _links.LinkAsync(-100_200_300, code, CancellationToken.None));
        var before = LinkReads;

        Assert.True(await _links.IsLinkedAsync("homs-clinic", CancellationToken.None));
        Assert.Equal(0, LinkReads - before);
    }

    [Fact]
    public async Task LinkedElsewhere_SeenOnceTheCopyIsOlderThanTheTime()
    {
        Assert.False(await _links.IsLinkedAsync("idlib-food", CancellationToken.None));
        // Another instance links the group: the row is written, this process is not told.
        var conversations = new TableClient(azurite.ConnectionString, _system.Names.ConversationsTable);
        await conversations.UpsertEntityAsync(new TableEntity("ngo-groups", "idlib-food") { ["ChatId"] = -100_400_500L });

        Assert.False(await _links.IsLinkedAsync("idlib-food", CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(await _links.IsLinkedAsync("idlib-food", CancellationToken.None));
        Assert.Equal(-100_400_500L, await _links.GroupOfNgoAsync("idlib-food", CancellationToken.None));
    }
}
