using EduPlatform.Inspection.Apis;
using EduPlatform.Inspection.Consumers;
using EduPlatform.Inspection.Domain.Indicators;
using EduPlatform.Inspection.Infrastructure;
using EduPlatform.Kernel;
using EduPlatform.Messaging;
using EduPlatform.Registry;
using EduPlatform.ServiceDefaults;
using EduPlatform.WebApi;
using EduPlatform.WebApi.Access;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformApi();
builder.AddPlatformAccess(Departments.Inspection);
builder.AddServiceDatabase<InspectionDbContext>(ResourceNames.InspectionDb);
builder.AddRedis(ResourceNames.Redis);
builder.AddMessaging<InspectionDbContext>(ResourceNames.Inspection, bus => bus.AddInspectionIntake());
// County offices' access checks find a school's county in the registry copy.
builder.Services.AddScoped<ISchoolCounties, RegistrySchoolCounties<InspectionDbContext>>();
builder.Services.AddSingleton<ISchoolChangeFollower<InspectionDbContext>, SchoolChangeMarker>();
builder.Services.AddOpenApi(options => options.UsePlatformDefaults("EduPlatform inspection",
    "Per-county scorecards against the national 优质均衡 standard and the city plan, the city ranking, evaluations and inspectors' records."));
builder.Services.AddValidation();
builder.Services.AddSingleton<EvaluationCache>();
// The shipped standards, or a province's own files (loaded and validated now: a faulty file stops the start).
builder.Services.AddSingleton(builder.Configuration["Inspection:StandardsDirectory"] is { Length: > 0 } standardsDirectory
    ? StandardFiles.Load(standardsDirectory) : Standards.Default);
builder.Services.AddSingleton<ScorecardCache>();
builder.Services.AddSingleton(UnitCosts.From(builder.Configuration));
builder.Services.AddScoped<ScorecardService>();
builder.Services.AddSingleton<RankingComputations>();
builder.Services.AddScoped<ReadModelRebuilder>();
builder.Services.AddHostedService<ScorecardRefresher>();
builder.Services.AddSingleton<EvaluationCloser>();
builder.Services.AddHostedService(services => services.GetRequiredService<EvaluationCloser>());

var app = builder.Build();
app.MapPlatformOpenApi();
app.UsePlatformAccess();
app.MapDefaultEndpoints();
var api = app.MapApi();
api.MapAuditApi<InspectionDbContext>();
api.MapDeadLetterApi();
api.MapEvaluationApi();
api.MapCountyApi();
api.MapIndicatorApi();
api.MapInspectorApi();
api.MapScenarioApi();
api.MapSavedScenarioApi();
app.Run();

public partial class Program;
