namespace EduPlatform.DemoCity;

/// <summary>Plausible Chinese names for places, schools and people, drawn from the generator's random source.</summary>
public static class Names
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国", "红", "玉", "兰", "文"];
    private static readonly string[] Places = ["石门", "柳林", "清河", "北关", "南庄", "东坡", "西营", "杏园", "枣林", "高岭", "白塔", "龙泉", "金沙", "马营", "双河", "桃源", "黄土", "青石", "长岭", "三合", "大河", "新集", "古城", "沙窝"];

    public static string Person(Random random) =>
        Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)] + (random.Next(3) == 0 ? "" : Given[random.Next(Given.Length)]);

    public static string[] Towns(Random random, int count) => [.. Places.OrderBy(_ => random.Next()).Take(count)];

    public static string School(string county, string type, string location, string town, int n, Random random)
    {
        var village = Places[random.Next(Places.Length)];
        return (type, location) switch
        {
            ("special-education", _) => $"{county}特殊教育学校",
            ("teaching-point", _) => $"{town}镇{village}村教学点",
            ("nine-year", "rural") => $"{town}镇{village}九年一贯制学校",
            ("nine-year", "town") => $"{town}镇九年一贯制学校",
            ("nine-year", _) => $"{county}实验学校第{n}校区",
            ("junior", "urban") => $"{county}第{n}中学",
            ("junior", _) => $"{town}镇中学",
            ("primary", "urban") => $"{county}第{n}小学",
            ("primary", "town") => $"{town}镇中心小学",
            _ => $"{town}镇{village}村小学",
        };
    }
}

/// <summary>
/// Citizen ID numbers (公民身份号码) for the generated teachers: the county's code, a birth date, a sequence
/// number and the ISO 7064 MOD 11-2 check character, unique per county and row.
/// </summary>
public static class IdNumbers
{
    private const int Days = 12_007; // a prime: index × 7919 mod it visits every day once
    private static readonly DateOnly FirstBirthday = new(1966, 1, 1);

    public static DateOnly BirthDate(int index) => FirstBirthday.AddDays((int)((long)index * 7919 % Days));

    public static string Of(string county, int index)
    {
        var first17 = $"{county}{BirthDate(index):yyyyMMdd}{index / Days + 1:000}";
        return first17 + CheckCharacter(first17);
    }

    public static char CheckCharacter(string first17)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * weights[i];
        }
        return "10X98765432"[sum % 11];
    }
}
