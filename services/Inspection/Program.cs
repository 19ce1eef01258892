using EduPlatform.Inspection.Apis;
using EduPlatform.Inspection.Consumers;
using EduPlatform.Inspection.Infrastructure;
using EduPlatform.Messaging;
using EduPlatform.Registry;
using EduPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<InspectionDbContext>(ResourceNames.InspectionDb);
builder.AddRedis(ResourceNames.Redis);
builder.AddMessaging<InspectionDbContext>(ResourceNames.Inspection, bus =>
{
    bus.AddRegistryCopy<InspectionDbContext>(ResourceNames.Inspection);
    bus.AddConsumer<EnrolmentReportedConsumer>();
    bus.AddConsumer<FacilityReturnRecordedConsumer>();
    bus.AddBatchConsumer<TeacherRecordedConsumer>();
    bus.AddConsumer<ClassesReportedConsumer>();
    bus.AddConsumer<PayReferenceRecordedConsumer>();
    bus.AddConsumer<CountyWelfareReportedConsumer>();
    bus.AddConsumer<SchoolFundingAssessedConsumer>();
    bus.AddConsumer<ExchangeRecordedConsumer>();
    bus.AddConsumer<ExchangeEligibilityReportedConsumer>();
});
builder.Services.AddOpenApi();
builder.Services.AddValidation();
builder.Services.AddSingleton<EvaluationCache>();

var app = builder.Build();
app.MapOpenApi();
app.MapDefaultEndpoints();
app.MapEvaluationApi();
app.MapCountyApi();
app.MapIndicatorApi();
app.Run();

public partial class Program;
