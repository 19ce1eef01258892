using EduPlatform.Funding.Apis;
using EduPlatform.Funding.Consumers;
using EduPlatform.Funding.Infrastructure;
using EduPlatform.Kernel;
using EduPlatform.Messaging;
using EduPlatform.Registry;
using EduPlatform.ServiceDefaults;
using EduPlatform.WebApi;
using EduPlatform.WebApi.Access;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformApi();
builder.AddPlatformAccess(Departments.Funding);
builder.AddServiceDatabase<FundingDbContext>(ResourceNames.FundingDb);
builder.AddMessaging<FundingDbContext>(ResourceNames.Funding, bus =>
{
    bus.AddRegistryCopy<FundingDbContext>(ResourceNames.Funding);
    bus.AddBatchConsumer<EnrolmentReportedConsumer>();
});
// County offices' access checks find a school's county in the registry copy.
builder.Services.AddScoped<ISchoolCounties, RegistrySchoolCounties<FundingDbContext>>();
builder.Services.AddOpenApi(options => options.UsePlatformDefaults("EduPlatform funding (finance bureau)",
    "Funding norms, allocations to schools, what each school is owed, and county finance returns."));
builder.Services.AddValidation();
builder.Services.AddScoped<Assessor>();
builder.Services.AddScoped<ISchoolChangeFollower<FundingDbContext>, ReassessOnSchoolChange>();

var app = builder.Build();
app.UsePlatformAccess();
app.MapPlatformOpenApi();
app.MapDefaultEndpoints();
var api = app.MapApi();
api.MapAuditApi<FundingDbContext>();
api.MapDeadLetterApi();
api.MapFundingNormApi();
api.MapAllocationApi();
api.MapFinanceApi();
app.Run();

public partial class Program;
