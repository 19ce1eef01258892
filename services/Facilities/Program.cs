using EduPlatform.Facilities.Apis;
using EduPlatform.Facilities.Infrastructure;
using EduPlatform.Messaging;
using EduPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<FacilitiesDbContext>(ResourceNames.FacilitiesDb);
builder.AddMessaging<FacilitiesDbContext>(ResourceNames.Facilities);
builder.Services.AddOpenApi();
builder.Services.AddValidation();

var app = builder.Build();
app.MapOpenApi();
app.MapDefaultEndpoints();
app.MapCountyApi();
app.Run();

public partial class Program;
