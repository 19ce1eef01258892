using EduPlatform.Inspection.Infrastructure;
using EduPlatform.Kernel;

namespace EduPlatform.Inspection.Tests;

public class InspectionFactory(Servers servers) : ServiceFactory<InspectionDbContext>(servers, ResourceNames.InspectionDb);
