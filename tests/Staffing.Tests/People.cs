using EduPlatform.Staffing.Domain;

namespace EduPlatform.Staffing.Tests;

/// <summary>Synthetic teachers: valid ID numbers (right check character) and names, unique per test run.</summary>
internal static class People
{
    private static int _next = Random.Shared.Next(0, 10_000);

    public static string IdNumber()
    {
        var n = Interlocked.Increment(ref _next);
        // One birth date per n below 15,000, then the sequence digits: distinct for 15 million teachers.
        var first17 = $"130602{new DateOnly(1960, 1, 1).AddDays(n % 15_000):yyyyMMdd}{n / 15_000 % 1000:D3}";
        return first17.Length == 17 ? first17 + IdNumbers.CheckCharacter(first17) : throw new InvalidOperationException(first17);
    }

    public static string Name(int n) => $"测试教师{n:D5}";

    public static TeacherRow Row(string idNumber, string name, string school, string section = "primary", bool fullTime = true,
        string[]? subjects = null, string qualification = "bachelor", string backbone = "none", int ruralYears = 0,
        decimal pay = 90_000m, DateOnly? hired = null, DateOnly? atSchoolSince = null, DateOnly? leftOn = null) =>
        new(idNumber, name, school, section, fullTime, subjects ?? ["chinese"], qualification, "second", backbone, true,
            hired ?? new DateOnly(2010, 9, 1), atSchoolSince, ruralYears, pay, leftOn);
}
