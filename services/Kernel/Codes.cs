namespace EduPlatform.Kernel;

/// <summary>Patterns for the codes every department uses; shared so all services accept the same input.</summary>
public static class Codes
{
    /// <summary>6-digit county code (区/县/县级市); "xxxx00" would name a prefecture, not a county.</summary>
    public const string CountyPattern = @"^[0-9]{4}(?!00)[0-9]{2}$";
    public const string CountyMessage = "A county code is the 6-digit administrative division code, e.g. 130602.";

    /// <summary>10-digit national school identification code (学校标识码).</summary>
    public const string SchoolPattern = @"^[0-9]{10}$";

    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    /// <summary>Records a fault when <paramref name="year"/> is not a school year the platform keeps.</summary>
    public static void CheckYear(int year, Problems problems, string where = "")
    {
        if (year is < FirstYear or > LastYear)
        {
            problems.Error(where, "year", $"A school year is named by its starting year, {FirstYear}–{LastYear} (got {year}).");
        }
    }
}
