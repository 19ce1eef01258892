using System.Text.Json;
using EduPlatform.Contracts.Facilities;
using EduPlatform.Contracts.Funding;
using EduPlatform.Contracts.Staffing;
using EduPlatform.Contracts.StudentWelfare;
using EduPlatform.Inspection.Domain;
using EduPlatform.Inspection.Infrastructure;
using EduPlatform.Kernel;
using EduPlatform.Messaging;
using EduPlatform.Messaging.Inbox;
using EduPlatform.Registry;
using MassTransit;

namespace EduPlatform.Inspection.Consumers;

/// <summary>
/// Everything inspection takes in, declared once: each department event, the consumer that applies it (live, and again when
/// the read models are rebuilt from the consumed-event log) and the read-model tables it fills. The bus registration, the
/// rebuild's replay and the tables the rebuild empties all come from this list, so an event cannot be consumed live and
/// forgotten by a rebuild.
/// </summary>
public static class InspectionIntake
{
    /// <param name="Event">The event type's name, as the consumed-event log records it.</param>
    /// <param name="ReadModels">The tables fed by this event alone (emptied before a rebuild replays the log).</param>
    public sealed record Projection(string Event, Type Consumer, Type[] ReadModels, Action<IBusRegistrationConfigurator> Register,
        Func<IServiceProvider, InspectionDbContext, List<string>, CancellationToken, Task> Replay);

    public static readonly Projection[] All =
    [
        // Facilities' registry, copied by the shared registry consumers (AddRegistryCopy registers them).
        Of<CountyRecorded, CountyCopyConsumer<InspectionDbContext>>(_ => { }, typeof(RegistryCounty)),
        Of<SchoolRecorded, SchoolCopyConsumer<InspectionDbContext>>(_ => { }, typeof(RegistrySchool)),
        // Events that come by the hundred (a county's return, a roster) are taken in batches.
        Of<EnrolmentReported, EnrolmentReportedConsumer>(Batch<EnrolmentReportedConsumer>, typeof(SectionEnrolment)),
        Of<FacilityReturnRecorded, FacilityReturnRecordedConsumer>(Batch<FacilityReturnRecordedConsumer>, typeof(SectionFacilities)),
        Of<TeacherRecorded, TeacherRecordedConsumer>(Batch<TeacherRecordedConsumer>, typeof(TeacherView), typeof(SectionStaffView)),
        Of<ClassesReported, ClassesReportedConsumer>(Batch<ClassesReportedConsumer>, typeof(SectionClasses)),
        Of<PayReferenceRecorded, PayReferenceRecordedConsumer>(One<PayReferenceRecordedConsumer>, typeof(PayReferenceView)),
        Of<CountyWelfareReported, CountyWelfareReportedConsumer>(One<CountyWelfareReportedConsumer>, typeof(CountyWelfareView)),
        Of<SchoolFundingAssessed, SchoolFundingAssessedConsumer>(Batch<SchoolFundingAssessedConsumer>, typeof(FundingView)),
        Of<ExchangeRecorded, ExchangeRecordedConsumer>(Batch<ExchangeRecordedConsumer>, typeof(ExchangeView)),
        Of<ExchangeEligibilityReported, ExchangeEligibilityReportedConsumer>(One<ExchangeEligibilityReportedConsumer>, typeof(ExchangeEligibilityView)),
        Of<TrainingRecorded, TrainingRecordedConsumer>(Batch<TrainingRecordedConsumer>, typeof(TrainingView)),
        Of<HonourAwarded, HonourAwardedConsumer>(Batch<HonourAwardedConsumer>, typeof(HonourView)),
        Of<BoardingLogisticsReported, BoardingLogisticsReportedConsumer>(One<BoardingLogisticsReportedConsumer>, typeof(BoardingView)),
        Of<ProcedureCompleted, ProcedureCompletedConsumer>(One<ProcedureCompletedConsumer>, typeof(ProcedureView)),
        Of<SubsidyCoverageReported, SubsidyCoverageReportedConsumer>(Batch<SubsidyCoverageReportedConsumer>, typeof(SubsidyView)),
    ];

    /// <summary>Each event's replay, by the name the consumed-event log records.</summary>
    public static readonly IReadOnlyDictionary<string, Func<IServiceProvider, InspectionDbContext, List<string>, CancellationToken, Task>> Replays =
        All.ToDictionary(p => p.Event, p => p.Replay);

    /// <summary>The tables fed only by department events.</summary>
    public static readonly Type[] ReadModels = [.. All.SelectMany(p => p.ReadModels).Distinct()];

    /// <summary>Subscribes inspection to every event of <see cref="All"/>.</summary>
    public static void AddInspectionIntake(this IBusRegistrationConfigurator bus)
    {
        bus.AddRegistryCopy<InspectionDbContext>(ResourceNames.Inspection);
        foreach (var projection in All)
        {
            projection.Register(bus);
        }
    }

    private static Projection Of<TMessage, TConsumer>(Action<IBusRegistrationConfigurator> register, params Type[] readModels)
        where TMessage : class where TConsumer : class, IConsumer, IReplayableConsumer<TMessage> =>
        new(typeof(TMessage).Name, typeof(TConsumer), readModels, register, (services, db, bodies, ct) =>
            // Made for the replay's context: the bus's registration would give the live one.
            ActivatorUtilities.CreateInstance<TConsumer>(services, db).ApplyAsync([.. bodies.Select(b => JsonSerializer.Deserialize<TMessage>(b, EventJson.Options)!)], ct));

    private static void One<TConsumer>(IBusRegistrationConfigurator bus) where TConsumer : class, IConsumer => bus.AddConsumer<TConsumer>();

    private static void Batch<TConsumer>(IBusRegistrationConfigurator bus) where TConsumer : class, IConsumer => bus.AddBatchConsumer<TConsumer>();
}
