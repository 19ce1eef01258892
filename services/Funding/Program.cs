using EduPlatform.Funding.Apis;
using EduPlatform.Funding.Infrastructure;
using EduPlatform.Messaging;
using EduPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<FundingDbContext>(ResourceNames.FundingDb);
builder.AddMessaging<FundingDbContext>(ResourceNames.Funding);
builder.Services.AddOpenApi();
builder.Services.AddValidation();

var app = builder.Build();
app.MapOpenApi();
app.MapDefaultEndpoints();
app.MapFundingNormApi();
app.Run();

public partial class Program;
