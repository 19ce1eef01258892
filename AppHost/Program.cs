using EduPlatform.AppHost;
using EduPlatform.Kernel;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);
var infra = Infrastructure.Add(builder);
var services = ServicePorts.From(builder.Configuration);

var identity = Identity.Add(builder, services);
// Services:Replicas runs each department and inspection N times behind one address (Aspire's proxy balances them).
var replicas = builder.Configuration.GetValue("Services:Replicas", 1);

IResourceBuilder<ProjectResource> Service<TProject>(string name, string database) where TProject : IProjectMetadata, new() =>
    builder.AddProject<TProject>(name, launchProfileName: null)
        .WithHttpEndpoint(port: services.PortOf(name), name: "http")
        .WithHttpHealthCheck(HealthPaths.Health)
        .WithInfrastructure(infra, database)
        .WithAuthority(identity)
        // Classic queues on a development machine, whose broker may already hold them; quorum queues elsewhere.
        .WithEnvironment("Messaging__QuorumQueues", builder.Configuration["Messaging:QuorumQueues"] ?? "false")
        .WithReplicas(replicas);

Service<Projects.Funding>(ResourceNames.Funding, ResourceNames.FundingDb);
Service<Projects.Facilities>(ResourceNames.Facilities, ResourceNames.FacilitiesDb);
Service<Projects.Staffing>(ResourceNames.Staffing, ResourceNames.StaffingDb);
Service<Projects.StudentWelfare>(ResourceNames.StudentWelfare, ResourceNames.StudentWelfareDb);
var inspection = Service<Projects.Inspection>(ResourceNames.Inspection, ResourceNames.InspectionDb)
    .WithReference(infra.Redis, ResourceNames.Redis);

// The inspectors' web application: people sign in at the identity service; it calls inspection with their tokens.
var web = builder.AddProject<Projects.WebApp>(ResourceNames.WebApp, launchProfileName: null)
    .WithHttpEndpoint(port: services.PortOf(ResourceNames.WebApp), name: "http")
    .WithHttpHealthCheck(HealthPaths.Health)
    .WithReference(inspection).WaitFor(inspection)
    .WithReference(infra.Redis, ResourceNames.Redis)
    .WithReplicas(replicas);
identity.AddWebClient(web, "inspectors-web");

builder.Build().Run();
