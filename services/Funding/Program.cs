using EduPlatform.Funding.Apis;
using EduPlatform.Funding.Consumers;
using EduPlatform.Funding.Infrastructure;
using EduPlatform.Messaging;
using EduPlatform.Registry;
using EduPlatform.ServiceDefaults;
using EduPlatform.ServiceDefaults.Access;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformAccess(Departments.Funding);
builder.AddServiceDatabase<FundingDbContext>(ResourceNames.FundingDb);
builder.AddMessaging<FundingDbContext>(ResourceNames.Funding, bus =>
{
    bus.AddRegistryCopy<FundingDbContext>(ResourceNames.Funding);
    bus.AddConsumer<EnrolmentReportedConsumer>();
});
builder.Services.AddOpenApi();
builder.Services.AddValidation();
builder.Services.AddScoped<Assessor>();
builder.Services.AddScoped<ISchoolChangeFollower, ReassessOnSchoolChange>();

var app = builder.Build();
app.UsePlatformAccess();
app.MapOpenApi().AllowAnonymous();
app.MapDefaultEndpoints();
app.MapAuditApi<FundingDbContext>();
app.MapDeadLetterApi();
app.MapFundingNormApi();
app.MapAllocationApi();
app.MapFinanceApi();
app.Run();

public partial class Program;
