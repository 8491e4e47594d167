using NgoFunctions.Core.Hsds;

namespace NgoFunctions.Tests.Hsds;

/// <summary>The directory's UUIDs: version 5 as RFC 9562 defines it, the same for the same registry ids
/// on every call, and different for different records.</summary>
[Trait("Category", "Unit")]
public sealed class HsdsIdsTests
{
    [Fact]
    public void UuidV5_MatchesTheRfc9562TestVector()
    {
        // RFC 9562 Appendix A.4: the DNS namespace and "www.example.com".
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), UuidV5.Create(dns, "www.example.com"));
    }

    [Fact]
    public void Ids_AreVersion5InTheDirectorysNamespace_AndStable()
    {
        var id = HsdsIds.Organization("idlib-rehab");

        Assert.Equal(5, id.Version);
        Assert.Equal(new Guid("d25ff3be-a197-409c-98ed-5debe7476e8f"), HsdsIds.Namespace);
        Assert.Equal(UuidV5.Create(HsdsIds.Namespace, "organization:idlib-rehab"), id);
        Assert.Equal(id, HsdsIds.Organization("idlib-rehab"));
        Assert.Equal(HsdsIds.Service("idlib-rehab", "health"), HsdsIds.Service("idlib-rehab", "health"));
    }

    [Fact]
    public void Ids_AreDistinctAcrossNgosSectorsAreasAndKinds()
    {
        Guid[] ids =
        [
            HsdsIds.Organization("idlib-rehab"),
            HsdsIds.Organization("idlib-rehab2"),
            HsdsIds.Service("idlib-rehab", "health"),
            HsdsIds.Service("idlib-rehab", "food"),
            HsdsIds.Service("idlib-rehab2", "health"),
            HsdsIds.ServiceArea("idlib-rehab", "health", "SY07"),
            HsdsIds.ServiceArea("idlib-rehab", "health", "SY0700"),
            HsdsIds.ServiceArea("idlib-rehab", "food", "SY07"),
            HsdsIds.ServiceCapacity("idlib-rehab", "health"),
            HsdsIds.OpenCasesUnit,
        ];

        Assert.Equal(ids.Length, ids.Distinct().Count());
    }
}
