namespace EduPlatform.Contracts.Facilities;

// Written as kebab-case strings on the wire and in the APIs ("nine-year", "teaching-point").
// Add members only at the end; never rename or remove one.

/// <summary>National urban–rural classification of a school's location (城乡分类).</summary>
public enum Location { Urban, Town, Rural }

/// <summary>小学, 初中, 九年一贯制, 十二年一贯制, 教学点, 特殊教育学校.</summary>
public enum SchoolType { Primary, Junior, NineYear, TwelveYear, TeachingPoint, SpecialEducation }

/// <summary>学段: primary (grades 1–6) or junior (grades 7–9). Through-train schools report both.</summary>
public enum Section { Primary, Junior }

public enum SchoolStatus { Operating, Closed }

/// <summary>撤并 (closure, or merger into another school) or 恢复办学 (restoration).</summary>
public enum ProcedureKind { Closure, Restoration }

/// <summary>The statutory steps, in their order: 制定方案 → 论证 → 公示 → 听证 → 报批.</summary>
public enum ProcedureStep { Plan, Assessment, Publicity, Hearing, Approval }

/// <summary>What a county's layout plan (布局专项规划) intends for a school: 保留, 新建, 撤并, 恢复.</summary>
public enum LayoutAction { Keep, Build, MergeClose, Restore }
