using EduPlatform.Contracts.Facilities;

namespace EduPlatform.Contracts.Staffing;

/// <summary>
/// A teacher's whole profile after a change, under an opaque id — never a name or ID number.
/// <paramref name="Version"/> grows with every change; a consumer keeps the highest.
/// <paramref name="Active"/> is false once the teacher has left.
/// </summary>
public sealed record TeacherRecorded(
    Guid TeacherId,
    TeacherChange Change,
    string SchoolCode,
    string CountyCode,
    Section Section,
    bool FullTime,
    Subject[] Subjects,
    Qualification Qualification,
    Rank Rank,
    BackboneLevel Backbone,
    bool Certified,
    int RuralYears,
    decimal AnnualPay,
    bool Active,
    long Version,
    DateTimeOffset OccurredAt) : ICountyEvent;
