using NgoFunctions.Core.Domain;

namespace NgoFunctions.Core.ReferenceData;

/// <summary>The fixed sector catalogue: close to the humanitarian clusters and to the services NGOs
/// in Syria give (source: the design handbook, "Domain words").</summary>
public sealed class SectorCatalogue
{
    private readonly Dictionary<string, Sector> _byCode;

    /// <summary>Builds the catalogue.</summary>
    public SectorCatalogue()
    {
        All =
        [
            new("health", new("الصحة", "Health"), new("عيادات، أدوية، مستوصفات", "Clinics, medicines, dispensaries")),
            new("education", new("التعليم", "Education"), new("التعليم المدرسي، منح للطلاب المتفوقين", "Schooling, stipends for outstanding students")),
            new("food", new("الغذاء", "Food"), new("سلال غذائية، وجبات، قسائم", "Food baskets, meals, vouchers")),
            new("shelter", new("المأوى", "Shelter"), new("سكن مؤقت، ترميم، مواد غير غذائية", "Temporary housing, repairs, non-food items")),
            new("wash", new("المياه والصرف الصحي والنظافة", "Water, sanitation and hygiene"), new("مياه الشرب، الصرف الصحي، سلال النظافة", "Drinking water, sanitation, hygiene kits")),
            new("protection", new("الحماية", "Protection"), new("الحماية من العنف، الوثائق، الدعم القانوني", "Protection from violence, documents, legal aid")),
            new("livelihoods", new("سبل العيش", "Livelihoods"), new("التدريب المهني، دعم النساء المعيلات", "Vocational training, support for women heads of household")),
            new("disability", new("الإعاقة", "Disability"), new("إعادة التأهيل وخدمات الأشخاص ذوي الإعاقة", "Rehabilitation and services for persons with disabilities")),
            new("psychosocial", new("الدعم النفسي الاجتماعي", "Psychosocial support"), new("الدعم النفسي والإرشاد", "Psychological support and counselling")),
        ];
        _byCode = All.ToDictionary(s => s.Code, StringComparer.Ordinal);
    }

    /// <summary>Every sector, in display order.</summary>
    public IReadOnlyList<Sector> All { get; }

    /// <summary>The sector with exactly this code (lower case), or <c>null</c>.</summary>
    public Sector? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var s) ? s : null;
}
