using EduPlatform.Messaging;
using EduPlatform.ServiceDefaults;
using EduPlatform.StudentWelfare.Apis;
using EduPlatform.StudentWelfare.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<WelfareDbContext>(ResourceNames.StudentWelfareDb);
builder.AddMessaging<WelfareDbContext>(ResourceNames.StudentWelfare);
builder.Services.AddOpenApi();
builder.Services.AddValidation();

var app = builder.Build();
app.MapOpenApi();
app.MapDefaultEndpoints();
app.MapSubsidyRateApi();
app.Run();

public partial class Program;
