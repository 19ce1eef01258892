using EduPlatform.Messaging;
using EduPlatform.Registry;
using EduPlatform.ServiceDefaults;
using EduPlatform.ServiceDefaults.Access;
using EduPlatform.StudentWelfare.Apis;
using EduPlatform.StudentWelfare.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformAccess(Departments.Welfare);
builder.AddServiceDatabase<WelfareDbContext>(ResourceNames.StudentWelfareDb);
builder.AddMessaging<WelfareDbContext>(ResourceNames.StudentWelfare, bus => bus.AddRegistryCopy<WelfareDbContext>(ResourceNames.StudentWelfare));
builder.Services.AddOpenApi();
builder.Services.AddValidation();
builder.Services.AddScoped<EnrolmentWriter>();
builder.Services.AddScoped<SubsidyWriter>();

var app = builder.Build();
app.UsePlatformAccess();
app.MapOpenApi().AllowAnonymous();
app.MapDefaultEndpoints();
app.MapAuditApi<WelfareDbContext>();
app.MapDeadLetterApi();
app.MapSubsidyRateApi();
app.MapEnrolmentApi();
app.MapCountyReturnApi();
app.MapSubsidyApi();
app.Run();

public partial class Program;
