using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Outcomes;
using NgoFunctions.Core.ReferenceData;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Routing;

namespace NgoFunctions.Core.Hsds;

/// <summary>The NGO registry read as an HSDS 3.1 directory (the API's <c>/organizations</c> and
/// <c>/services</c>): every <b>active</b> registered NGO is an organization and offers one service per
/// sector (<see cref="HsdsMapper"/>). The registry comes from <see cref="NgoDirectory"/>'s in-memory copy
/// (no storage read per call within its cache time); capacities from the NGOs' live open-case counters
/// (<see cref="NgoCaseStore.GetLoadsAsync"/>, one point read per NGO of the answer, none for the list of
/// organizations). Lists are ordered by NGO id (ordinal), then by the NGO's sector order, so pages are
/// stable while the registry is. Public directory data only: names, sectors, areas and counts.</summary>
public sealed class HsdsDirectory(NgoDirectory directory, NgoCaseStore cases, HsdsMapper mapper, Texts texts, TimeProvider clock)
{
    /// <summary>One page of organizations (without their services), or <see cref="Outcome{T}.Rejected"/>
    /// for a bad <c>page</c> or <c>per_page</c> (raw query values), in <paramref name="language"/>.</summary>
    public async Task<Outcome<HsdsPage<HsdsOrganization>>> ListOrganizationsAsync(
        string? page, string? perPage, Language language, CancellationToken cancellationToken)
    {
        var read = HsdsPageRequest.Read(page, perPage, texts, language);
        if (read is not Outcome<HsdsPageRequest>.Done { Value: var request })
        {
            return Refused<HsdsPage<HsdsOrganization>>(read);
        }

        var ngos = await ActiveAsync(cancellationToken);
        var chosen = HsdsPaging.Of(ngos, request);
        return new Outcome<HsdsPage<HsdsOrganization>>.Done(chosen.WithContents(chosen.Contents.Select(n => mapper.Organization(n)).ToList()));
    }

    /// <summary>The organization with this id, with its services and their live capacity; or
    /// <see cref="Outcome{T}.NotFound"/> (unknown, not a UUID, or an inactive NGO's).</summary>
    public async Task<Outcome<HsdsOrganization>> FindOrganizationAsync(string? id, CancellationToken cancellationToken)
    {
        var wanted = ParseId(id);
        var ngo = (await ActiveAsync(cancellationToken)).FirstOrDefault(n => HsdsIds.Organization(n.Id) == wanted);
        if (ngo is null)
        {
            return new Outcome<HsdsOrganization>.NotFound(new LocalText("problem.hsds.organization.notFound"));
        }

        var (loads, readAt) = await LoadsAsync([ngo], cancellationToken);
        return new Outcome<HsdsOrganization>.Done(mapper.Organization(ngo, mapper.Services(ngo, loads[ngo.Id], readAt)));
    }

    /// <summary>One page of services with their areas and live capacity, or <see cref="Outcome{T}.Rejected"/>
    /// as <see cref="ListOrganizationsAsync"/>.</summary>
    public async Task<Outcome<HsdsPage<HsdsService>>> ListServicesAsync(
        string? page, string? perPage, Language language, CancellationToken cancellationToken)
    {
        var read = HsdsPageRequest.Read(page, perPage, texts, language);
        if (read is not Outcome<HsdsPageRequest>.Done { Value: var request })
        {
            return Refused<HsdsPage<HsdsService>>(read);
        }

        var offers = await OffersAsync(cancellationToken);
        var chosen = HsdsPaging.Of(offers, request);
        var (loads, readAt) = await LoadsAsync(chosen.Contents.Select(o => o.Ngo), cancellationToken);
        return new Outcome<HsdsPage<HsdsService>>.Done(
            chosen.WithContents(chosen.Contents.Select(o => mapper.Service(o.Ngo, o.Sector, loads[o.Ngo.Id], readAt)).ToList()));
    }

    /// <summary>The service with this id, with its areas and live capacity; or <see cref="Outcome{T}.NotFound"/>.</summary>
    public async Task<Outcome<HsdsService>> FindServiceAsync(string? id, CancellationToken cancellationToken)
    {
        var wanted = ParseId(id);
        var offer = (await OffersAsync(cancellationToken)).FirstOrDefault(o => HsdsIds.Service(o.Ngo.Id, o.Sector.Code) == wanted);
        if (offer.Ngo is null)
        {
            return new Outcome<HsdsService>.NotFound(new LocalText("problem.hsds.service.notFound"));
        }

        var (loads, readAt) = await LoadsAsync([offer.Ngo], cancellationToken);
        return new Outcome<HsdsService>.Done(mapper.Service(offer.Ngo, offer.Sector, loads[offer.Ngo.Id], readAt));
    }

    private async Task<IReadOnlyList<Ngo>> ActiveAsync(CancellationToken cancellationToken) =>
        (await directory.GetAllAsync(cancellationToken)).Where(n => n.Active).OrderBy(n => n.Id, StringComparer.Ordinal).ToList();

    // Every service on offer: each active NGO with each of its sectors, in list order.
    private async Task<IReadOnlyList<(Ngo Ngo, Sector Sector)>> OffersAsync(CancellationToken cancellationToken) =>
        (await ActiveAsync(cancellationToken)).SelectMany(n => mapper.SectorsOf(n).Select(s => (Ngo: n, Sector: s))).ToList();

    // Open cases by NGO id, and when they were read: the capacities' "updated".
    private async Task<(IReadOnlyDictionary<string, int> OpenCases, DateTimeOffset ReadAt)> LoadsAsync(
        IEnumerable<Ngo> ngos, CancellationToken cancellationToken)
    {
        var counters = await cases.GetLoadsAsync(ngos.Select(n => n.Id), cancellationToken);
        return (counters.ToDictionary(c => c.Key, c => c.Value.OpenCases, StringComparer.Ordinal), clock.GetUtcNow());
    }

    // Not a UUID: matches nothing (Guid.Empty is never derived), so it reads as unknown.
    private static Guid ParseId(string? id) => Guid.TryParse(id, out var parsed) ? parsed : Guid.Empty;

    private static Outcome<T> Refused<T>(Outcome<HsdsPageRequest> read) =>
        new Outcome<T>.Rejected(((Outcome<HsdsPageRequest>.Rejected)read).Errors);
}
