using EduPlatform.ServiceDefaults;

namespace EduPlatform.StudentWelfare.Tests;

public sealed class WelfareFactory(Servers servers) : ServiceFactory<Program>(servers, ResourceNames.StudentWelfareDb);
