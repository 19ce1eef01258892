namespace EduPlatform.Contracts.Funding;

/// <summary>
/// What a school is owed for a school year and what it was allocated (元), from the norms in force and
/// its enrolment: public funds (with the small-school floor and the boarding supplement),
/// special-education funds, and the teacher-training budget against 5 % of the public funds allocated.
/// Published again whenever an input changes; the highest revision per (school, year) wins.
/// </summary>
public sealed record SchoolFundingAssessed(
    string SchoolCode,
    string CountyCode,
    int Year,
    int Revision,
    int Students,
    int Boarders,
    int SpecialNeeds,
    int FundedStudents,
    decimal PublicFundsRequired,
    decimal PublicFundsAllocated,
    decimal SpecialEducationRequired,
    decimal SpecialEducationAllocated,
    decimal TrainingRequired,
    decimal TrainingAllocated,
    decimal Shortfall,
    DateTimeOffset OccurredAt) : ICountyEvent;
