namespace EduPlatform.Staffing.Domain;

/// <summary>The 18-character citizen ID number (公民身份号码, GB 11643-1999) and its check character.</summary>
public static class IdNumbers
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }
        return CheckCharacters[sum % 11];
    }

    public static bool IsValid(string? id) =>
        id is { Length: 18 }
        && id.AsSpan(0, 17).IndexOfAnyExceptInRange('0', '9') < 0
        && char.ToUpperInvariant(id[17]) == CheckCharacter(id.AsSpan(0, 17));
}
