using EduPlatform.Facilities.Apis;
using EduPlatform.Facilities.Domain;
using EduPlatform.Facilities.Infrastructure;
using EduPlatform.Messaging;
using EduPlatform.ServiceDefaults;
using EduPlatform.ServiceDefaults.Access;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformAccess(Departments.Facilities);
builder.AddServiceDatabase<FacilitiesDbContext>(ResourceNames.FacilitiesDb);
builder.AddMessaging<FacilitiesDbContext>(ResourceNames.Facilities);
builder.Services.AddOpenApi();
builder.Services.AddValidation();
builder.Services.Configure<SubmissionLimits>(builder.Configuration.GetSection("Facilities:Limits"));
builder.Services.AddScoped<ISchoolCounties, SchoolCounties>();
builder.Services.AddScoped<RegistryWriter>();
builder.Services.AddScoped<SubmissionWriter>();

var app = builder.Build();
app.UsePlatformAccess();
app.MapOpenApi().AllowAnonymous();
app.MapDefaultEndpoints();
app.MapAuditApi<FacilitiesDbContext>();
app.MapDeadLetterApi();
app.MapCountyApi();
app.MapSchoolApi();
app.MapSubmissionApi();
app.MapLayoutPlanApi();
app.MapProcedureApi();
app.Run();

public partial class Program;
