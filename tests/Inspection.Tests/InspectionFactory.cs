using EduPlatform.ServiceDefaults;

namespace EduPlatform.Inspection.Tests;

public sealed class InspectionFactory(Servers servers) : ServiceFactory<Program>(servers, ResourceNames.InspectionDb);
