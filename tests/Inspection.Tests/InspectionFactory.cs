using EduPlatform.Inspection.Infrastructure;
using EduPlatform.ServiceDefaults;

namespace EduPlatform.Inspection.Tests;

public sealed class InspectionFactory(Servers servers) : ServiceFactory<InspectionDbContext>(servers, ResourceNames.InspectionDb);
