using EduPlatform.ServiceDefaults;

namespace EduPlatform.Facilities.Tests;

public sealed class FacilitiesFactory(Servers servers) : ServiceFactory<Program>(servers, ResourceNames.FacilitiesDb);
