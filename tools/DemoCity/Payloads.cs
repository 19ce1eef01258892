namespace EduPlatform.DemoCity;

// What the departments' systems send, in the shape of each service's public API (JSON, camelCase,
// enums as the API writes them). The loader is a client: it keeps its own copy of these shapes.

public sealed record SchoolRow(string Code, string Name, string Location, string Type, bool Boarding);

public sealed record FacilityReturnRow(
    string SchoolCode, string Section, decimal TeachingAuxiliaryArea, decimal SportsGroundArea, decimal SportsHallArea,
    decimal EquipmentValue, int MultimediaClassrooms, int Computers, int Books, decimal[] MusicRoomAreas, decimal[] ArtRoomAreas,
    decimal BroadbandMbps, int OrdinaryClassrooms, int ClassroomsWithMultimedia, int ClassesWithBanbantong, int ActiveRenrentongAccounts);

public sealed record ClassRow(string SchoolCode, int Grade, int Number, int Students);

public sealed record BoardingLogisticsRow(
    string SchoolCode, bool Canteen, bool Dormitory, bool DrinkingWater, bool Bathing, bool Toilets, bool WasteHandling);

public sealed record FacilitySubmission(FacilityReturnRow[] FacilityReturns, ClassRow[] Classes, BoardingLogisticsRow[] BoardingLogistics);

public sealed record EnrolmentRow(
    string SchoolCode, int Grade, int Students, int Boarders, int SpecialNeeds, int TransfersIn, int TransfersOut, int Dropouts,
    int Graduates, int Admitted, int AdmittedFromCatchment);

public sealed record CountyWelfareReturn(
    int MigrantEligible, int MigrantInPublicSchools, int MigrantInFundedPrivatePlaces,
    int DisabledSchoolAge, int DisabledInRegularClasses, int DisabledInSpecialSchools, int DisabledHomeTuition, int DisabledCharged,
    int LeftBehind, int LeftBehindWithCare, int QuotaPlan, int QuotaAllocated);

public sealed record SubsidyRate(decimal PrimaryBoarder, decimal JuniorBoarder, decimal PrimaryNonBoarder, decimal JuniorNonBoarder);

public sealed record EligibleStudentRow(string StudentId, string Name, string SchoolCode, string Section, bool Boarder);

public sealed record PaymentRow(string StudentId, int Term, decimal Amount, DateOnly PaidOn);

public sealed record TeacherRow(
    string IdNumber, string Name, string SchoolCode, string Section, bool FullTime, string[] Subjects, string Qualification, string Rank,
    string Backbone, bool Certified, DateOnly HireDate, DateOnly AtSchoolSince, int RuralYears, decimal AnnualPay);

/// <summary>A course; the teacher is named by their row in the county's teacher return (its id comes back from staffing).</summary>
public sealed record PlannedCourse(int Teacher, string Course, DateOnly StartDate, DateOnly EndDate, decimal Hours);

public sealed record TrainingRow(Guid TeacherId, string Course, DateOnly StartDate, DateOnly EndDate, decimal Hours);

/// <summary>An exchange; the teacher is their row in the county's teacher return.</summary>
public sealed record PlannedExchange(int Teacher, int Year, string ToSchoolCode, DateOnly StartDate, bool RuralAllowance);

public sealed record ExchangeRow(Guid TeacherId, int Year, string ToSchoolCode, DateOnly StartDate, bool RuralAllowance);

/// <summary>An honour certificate for long rural service; the teacher is their row in the county's teacher return.</summary>
public sealed record PlannedHonour(int Teacher, string Level, int Year, string DocumentReference);

public sealed record HonourRow(Guid TeacherId, string Level, int Year, string DocumentReference);

public sealed record TownPay(string Rank, decimal AveragePay);

public sealed record PayReference(decimal CivilServantAveragePay, TownPay[] TownPay);

public sealed record FundingNorm(decimal PrimaryPerStudent, decimal JuniorPerStudent, decimal BoardingSupplement,
    decimal SpecialEducationPerStudent, int SmallSchoolFloor);

public sealed record AllocationRow(string SchoolCode, decimal PublicFunds, decimal SpecialEducationFunds, decimal TrainingBudget);

public sealed record CountyFinance(decimal EducationSpending, decimal RecurrentRevenue, decimal PrimarySpendingPerStudent,
    decimal JuniorSpendingPerStudent);

public sealed record Verdict(bool Met, string DocumentReference, string Inspector, string Note);

public sealed record MonitoringRow(string CountyCode, string[] Subjects, decimal[] Levels, decimal DifferenceRate, string DocumentReference);

public sealed record SurveyRow(string CountyCode, decimal SatisfactionPercent, int Respondents, string DocumentReference);
