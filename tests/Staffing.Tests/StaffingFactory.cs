using EduPlatform.ServiceDefaults;

namespace EduPlatform.Staffing.Tests;

public sealed class StaffingFactory(Servers servers) : ServiceFactory<Program>(servers, ResourceNames.StaffingDb);
