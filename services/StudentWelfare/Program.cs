using EduPlatform.Kernel;
using EduPlatform.Messaging;
using EduPlatform.Registry;
using EduPlatform.ServiceDefaults;
using EduPlatform.WebApi;
using EduPlatform.WebApi.Access;
using EduPlatform.StudentWelfare.Apis;
using EduPlatform.StudentWelfare.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformApi();
builder.AddPlatformAccess(Departments.Welfare);
builder.AddServiceDatabase<WelfareDbContext>(ResourceNames.StudentWelfareDb);
builder.AddMessaging<WelfareDbContext>(ResourceNames.StudentWelfare, bus => bus.AddRegistryCopy<WelfareDbContext>(ResourceNames.StudentWelfare));
// County offices' access checks find a school's county in the registry copy.
builder.Services.AddScoped<ISchoolCounties, RegistrySchoolCounties<WelfareDbContext>>();
builder.Services.AddOpenApi(options => options.UsePlatformDefaults("EduPlatform student welfare (education bureau)",
    "Enrolment, retention, county returns (migrant, disabled, left-behind children) and living subsidies."));
builder.Services.AddValidation();
builder.Services.AddScoped<EnrolmentWriter>();
builder.Services.AddScoped<SubsidyWriter>();

var app = builder.Build();
app.UsePlatformAccess();
app.MapPlatformOpenApi();
app.MapDefaultEndpoints();
var api = app.MapApi();
api.MapAuditApi<WelfareDbContext>();
api.MapDeadLetterApi();
api.MapSubsidyRateApi();
api.MapEnrolmentApi();
api.MapCountyReturnApi();
api.MapSubsidyApi();
app.Run();

public partial class Program;
