using System.Globalization;
using EduPlatform.WebApp.Api;

namespace EduPlatform.WebApp.Components;

/// <summary>How the API's codes read on screen: Chinese first, English beside it.</summary>
public static class Labels
{
    public static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    public static string Status(string status) => status switch
    {
        "met" => "达标",
        "near" => "接近",
        "not-met" => "未达标",
        "no-data" => "缺数据",
        _ => status,
    };

    public static string StatusEn(string status) => status switch
    {
        "met" => "Met",
        "near" => "Near (fails)",
        "not-met" => "Not met",
        "no-data" => "No data",
        _ => status,
    };

    /// <summary>A status's colour in charts (the badges' hues).</summary>
    public static string StatusColour(string status) => status switch
    {
        "met" => "#2e7d32",
        "near" => "#b58100",
        "not-met" => "#c62828",
        _ => "#9e9e9e",
    };

    public static string Level(string? level) => level switch
    {
        "primary" => "小学",
        "junior" => "初中",
        null => "",
        _ => level,
    };

    public static string Location(string? location) => location switch
    {
        "urban" => "城区",
        "town" => "镇区",
        "rural" => "乡村",
        _ => location ?? "",
    };

    public static string SchoolType(string type) => type switch
    {
        "primary" => "小学",
        "junior" => "初中",
        "nine-year" => "九年一贯制",
        "twelve-year" => "十二年一贯制",
        "complete-secondary" => "完全中学",
        "teaching-point" => "教学点",
        "special" => "特殊教育学校",
        _ => type,
    };

    public static string Unit(string unit) => unit switch
    {
        "CV" => "差异系数",
        "schools" => "校",
        "classes" => "个班",
        "closures" => "所",
        "verdict" => "",
        "difference rate" => "差异率",
        _ => unit,
    };

    /// <summary>Which way a line's value must lie from its threshold, where the unit says it unambiguously.</summary>
    public static string Direction(ScorecardLine line) => line.Unit switch
    {
        "CV" => "≤",
        "%" or "元" => "≥",
        "difference rate" => "<",
        _ => "",
    };

    public static string Threshold(ScorecardLine line) => line.Threshold is not { } t ? "—"
        : line.Code == "RA" ? $"{Number(t)} 校"
        : $"{Direction(line)} {Number(t)}{(line.Unit == "%" ? " %" : line.Unit == "元" ? " 元" : "")}".Trim();

    public static string Value(ScorecardLine line) => line.Value is not { } v ? "—"
        : line.Unit == "verdict" ? (v >= 1 ? "是" : "否")
        : line.Code == "RA" ? $"{Number(v)} 校达标"
        : line.Unit == "%" ? $"{Number(v)} %"
        : $"{Number(v)} {Unit(line.Unit)}".Trim();

    /// <summary>Values arrive at full precision; shown rounded (four significant places at most), never judged here.</summary>
    public static string Number(decimal? value) => value switch
    {
        null => "—",
        { } v when Math.Abs(v) >= 1000 => v.ToString("#,##0.#", Zh),
        { } v when Math.Abs(v) >= 10 => v.ToString("0.##", Zh),
        { } v => v.ToString("0.####", Zh),
    };

    public static string Number(double? value) => value is { } v ? Number((decimal)Math.Round(v, 6)) : "—";

    public static string Date(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy年M月d日 HH:mm", Zh);

    public static string Date(DateOnly day) => day.ToString("yyyy年M月d日", Zh);

    public static string SchoolYear(int year) => $"{year}—{year + 1} 学年";

    public static string EvaluationKind(string kind) => kind == "final" ? "终期评估" : "中期评估";

    public static string EvaluationStatus(string status) => status switch
    {
        "open" => "进行中",
        "closing" => "正在冻结",
        "closed" => "已结束",
        _ => status,
    };

    /// <summary>The evidence items an inspector records a verdict on.</summary>
    public static readonly string[] EvidenceCodes = ["GG1", "GG2", "GG10", "EQ3", "EQ5", "EQ6", "EQ7", "EQ8"];

    public static string Arrow(decimal? change, bool lowerIsBetter) => change switch
    {
        null or 0 => "→",
        > 0 => lowerIsBetter ? "↑（变差）" : "↑",
        _ => lowerIsBetter ? "↓（改善）" : "↓",
    };
}
