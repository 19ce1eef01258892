using EduPlatform.Inspection.Apis;
using EduPlatform.Inspection.Infrastructure;
using EduPlatform.Messaging;
using EduPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<WebApplicationBuilder, InspectionDbContext>(ResourceNames.InspectionDb);
builder.AddRedis(ResourceNames.Redis);
builder.AddMessaging(ResourceNames.Inspection);
builder.Services.AddOpenApi();
builder.Services.AddValidation();
builder.Services.AddSingleton<EvaluationCache>();

var app = builder.Build();
app.MapOpenApi();
app.MapDefaultEndpoints();
app.MapEvaluationApi();
app.Run();

public partial class Program;
