using EduPlatform.Kernel;
using EduPlatform.ServiceDefaults;
using EduPlatform.WebApi;
using EduPlatform.WebApp.Api;
using EduPlatform.WebApp.Auth;
using EduPlatform.WebApp.Components;

// The inspectors' web application: Razor components rendered on the server, one address per view
// (docs/adr/0008-inspectors-web-app.md). People sign in at the identity service (authorization code
// with PKCE); their tokens stay on the server and every call to inspection carries the person's own token.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlatformApi();
// The AppHost runs the build output in every environment: the static files' build manifest (where their compressed
// copies are) is needed outside Development too, or a compressed script is served empty. A published app has none.
builder.WebHost.UseStaticWebAssets();
builder.AddRedis(ResourceNames.Redis);
builder.AddPeopleSignIn();
builder.Services.AddInspectionApi(builder.Configuration);
builder.Services.AddRazorComponents();

var app = builder.Build();
app.UseExceptionHandler("/error", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseNoStoreForPages();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapDefaultEndpoints();
app.MapStaticAssets();
app.MapSignInEndpoints();
app.MapExports();
app.MapRazorComponents<App>().RequireAuthorization();
app.Run();
