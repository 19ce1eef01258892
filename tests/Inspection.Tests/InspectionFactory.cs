using EduPlatform.Inspection.Infrastructure;
using EduPlatform.ServiceDefaults;

namespace EduPlatform.Inspection.Tests;

public class InspectionFactory(Servers servers) : ServiceFactory<InspectionDbContext>(servers, ResourceNames.InspectionDb);
