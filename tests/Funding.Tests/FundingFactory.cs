using EduPlatform.ServiceDefaults;

namespace EduPlatform.Funding.Tests;

public sealed class FundingFactory(Servers servers) : ServiceFactory<Program>(servers, ResourceNames.FundingDb);
