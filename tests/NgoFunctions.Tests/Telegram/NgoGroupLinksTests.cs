using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NgoFunctions.Core.Storage;
using NgoFunctions.Core.Telegram.Groups;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Telegram;

/// <summary>The group links' storage (<see cref="NgoGroupLinks"/>) against Azurite, with a clock the test
/// moves. The in-process copy of whether an NGO has a linked group: asked again within
/// <c>Telegram:GroupLinkCacheSeconds</c> it reads nothing; a link made in this process is seen at once;
/// a link made elsewhere is seen once the copy is older than that. A code is spent once, even by groups
/// racing for it; an NGO has one group and a group one NGO.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
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
        Assert.Equal("homs-clinic", (await _links.LinkAsync(-100_200_300, code, CancellationToken.None))?.NgoId);
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

    [Fact]
    public async Task SameCodeFromManyGroupsAtOnce_ExactlyOneLinkedEachTime()
    {
        for (var round = 0; round < 10; round++)
        {
            var ngoId = $"race-{round}";
            var (code, _) = await _links.IssueAsync(ngoId, CancellationToken.None);
            var groups = Enumerable.Range(1, 6).Select(i => -300_000L - (round * 10) - i).ToArray();

            var results = await Task.WhenAll(groups.Select(g => Task.Run(() => _links.LinkAsync(g, code, CancellationToken.None))));

            var winners = groups.Zip(results).Where(r => r.Second is not null).ToList();
            Assert.Single(winners);
            Assert.Equal(ngoId, winners[0].Second!.NgoId);
            Assert.Equal(winners[0].First, await _links.GroupOfNgoAsync(ngoId, CancellationToken.None));
            foreach (var group in groups)
            {
                Assert.Equal(group == winners[0].First ? ngoId : null, await _links.NgoOfGroupAsync(group, CancellationToken.None));
            }
        }
    }

    [Fact]
    public async Task TheSameLinkAgain_SameAnswer_UntilTheNgoLinksAnotherGroup()
    {
        var (code, _) = await _links.IssueAsync("tartus-food", CancellationToken.None);
        Assert.Equal(new GroupLink("tartus-food", null), await _links.LinkAsync(-100_600_700, code, CancellationToken.None));
        Assert.Equal(new GroupLink("tartus-food", null), await _links.LinkAsync(-100_600_700, code, CancellationToken.None));

        var (next, _) = await _links.IssueAsync("tartus-food", CancellationToken.None);
        Assert.Equal(new GroupLink("tartus-food", -100_600_700), await _links.LinkAsync(-100_600_800, next, CancellationToken.None));

        Assert.Null(await _links.LinkAsync(-100_600_700, code, CancellationToken.None));
        Assert.Null(await _links.NgoOfGroupAsync(-100_600_700, CancellationToken.None));
    }

    [Fact]
    public async Task GroupTakenByAnotherNgo_ItsFormerNgoHasNoGroup()
    {
        var (first, _) = await _links.IssueAsync("daraa-health", CancellationToken.None);
        var (second, _) = await _links.IssueAsync("daraa-shelter", CancellationToken.None);
        await _links.LinkAsync(-100_700_100, first, CancellationToken.None);

        await _links.LinkAsync(-100_700_100, second, CancellationToken.None);

        Assert.Equal("daraa-shelter", await _links.NgoOfGroupAsync(-100_700_100, CancellationToken.None));
        Assert.Null(await _links.GroupOfNgoAsync("daraa-health", CancellationToken.None));
        Assert.False(await _links.IsLinkedAsync("daraa-health", CancellationToken.None));
    }

    [Fact]
    public async Task GroupLinkedInTheOlderLayout_ActsUntilTheNgoLinksAnotherGroup()
    {
        // Rows as links were stored before: the group's side in the group's own partition.
        var conversations = new TableClient(azurite.ConnectionString, _system.Names.ConversationsTable);
        await conversations.UpsertEntityAsync(new TableEntity("-100800100", "ngo") { ["NgoId"] = "raqqa-wash" });
        await conversations.UpsertEntityAsync(new TableEntity("ngo-groups", "raqqa-wash") { ["ChatId"] = -100_800_100L });
        Assert.Equal("raqqa-wash", await _links.NgoOfGroupAsync(-100_800_100, CancellationToken.None));

        var (code, _) = await _links.IssueAsync("raqqa-wash", CancellationToken.None);
        Assert.Equal(new GroupLink("raqqa-wash", -100_800_100), await _links.LinkAsync(-100_800_200, code, CancellationToken.None));

        Assert.Null(await _links.NgoOfGroupAsync(-100_800_100, CancellationToken.None));
        Assert.Equal("raqqa-wash", await _links.NgoOfGroupAsync(-100_800_200, CancellationToken.None));
        Assert.Null(await _links.UnlinkAsync("nobody", CancellationToken.None));
        Assert.Equal(-100_800_200, await _links.UnlinkAsync("raqqa-wash", CancellationToken.None));
        Assert.Null(await _links.NgoOfGroupAsync(-100_800_200, CancellationToken.None));
    }
}
