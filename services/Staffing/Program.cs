using EduPlatform.Kernel;
using EduPlatform.Messaging;
using EduPlatform.Registry;
using EduPlatform.ServiceDefaults;
using EduPlatform.WebApi;
using EduPlatform.WebApi.Access;
using EduPlatform.Staffing.Apis;
using EduPlatform.Staffing.Domain;
using EduPlatform.Staffing.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformApi();
builder.AddPlatformAccess(Departments.Staffing);
builder.AddServiceDatabase<StaffingDbContext>(ResourceNames.StaffingDb);
builder.AddMessaging<StaffingDbContext>(ResourceNames.Staffing, bus => bus.AddRegistryCopy<StaffingDbContext>(ResourceNames.Staffing));
// County offices' access checks find a school's county in the registry copy.
builder.Services.AddScoped<ISchoolCounties, RegistrySchoolCounties<StaffingDbContext>>();
builder.Services.AddOpenApi(options => options.UsePlatformDefaults("EduPlatform staffing (human resources)",
    "Teachers, training, urban–rural exchanges, honours and pay references."));
builder.Services.AddValidation();
builder.Services.Configure<ExchangeOptions>(builder.Configuration.GetSection("Staffing:Exchange"));
builder.Services.AddScoped<TeacherWriter>();

var app = builder.Build();
app.UsePlatformAccess();
app.MapPlatformOpenApi();
app.MapDefaultEndpoints();
var api = app.MapApi();
api.MapAuditApi<StaffingDbContext>();
api.MapDeadLetterApi();
api.MapPayReferenceApi();
api.MapTeacherApi();
api.MapDevelopmentApi();
app.Run();

public partial class Program;
