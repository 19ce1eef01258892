using EduPlatform.Messaging;
using EduPlatform.ServiceDefaults;
using EduPlatform.Staffing.Apis;
using EduPlatform.Staffing.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<StaffingDbContext>(ResourceNames.StaffingDb);
builder.AddMessaging<StaffingDbContext>(ResourceNames.Staffing);
builder.Services.AddOpenApi();
builder.Services.AddValidation();

var app = builder.Build();
app.MapOpenApi();
app.MapDefaultEndpoints();
app.MapPayReferenceApi();
app.Run();

public partial class Program;
