using EduPlatform.Facilities.Apis;
using EduPlatform.Facilities.Domain;
using EduPlatform.Facilities.Infrastructure;
using EduPlatform.Kernel;
using EduPlatform.Messaging;
using EduPlatform.ServiceDefaults;
using EduPlatform.WebApi;
using EduPlatform.WebApi.Access;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformApi();
builder.AddPlatformAccess(Departments.Facilities);
builder.AddServiceDatabase<FacilitiesDbContext>(ResourceNames.FacilitiesDb);
builder.AddMessaging<FacilitiesDbContext>(ResourceNames.Facilities);
builder.Services.AddOpenApi(options => options.UsePlatformDefaults("EduPlatform facilities (planning and construction)",
    "The school registry every department follows, each county's annual facility submission, layout plans and closure procedures."));
builder.Services.AddValidation();
builder.Services.Configure<SubmissionLimits>(builder.Configuration.GetSection("Facilities:Limits"));
builder.Services.AddScoped<ISchoolCounties, SchoolCounties>();
builder.Services.AddScoped<RegistryWriter>();
builder.Services.AddScoped<SubmissionWriter>();

var app = builder.Build();
app.UsePlatformAccess();
app.MapPlatformOpenApi();
app.MapDefaultEndpoints();
var api = app.MapApi();
api.MapAuditApi<FacilitiesDbContext>();
api.MapDeadLetterApi();
api.MapCountyApi();
api.MapSchoolApi();
api.MapSubmissionApi();
api.MapLayoutPlanApi();
api.MapProcedureApi();
app.Run();

public partial class Program;
