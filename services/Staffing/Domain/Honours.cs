using EduPlatform.Contracts.Staffing;

namespace EduPlatform.Staffing.Domain;

/// <summary>Honour certificates for consecutive years in rural schools: county ≥ 10, city ≥ 15.</summary>
public static class Honours
{
    public static int YearsFor(HonourLevel level) => level == HonourLevel.City ? 15 : 10;

    public static IEnumerable<HonourLevel> Due(int ruralYears) =>
        Enum.GetValues<HonourLevel>().Where(level => ruralYears >= YearsFor(level));
}
