namespace EduPlatform.Inspection.Domain.Indicators;

/// <summary>The groups of the 优质均衡 standard and the city plan, as a scorecard shows them.</summary>
public enum Group { ResourceAllocation, GovernmentGuarantee, EducationQuality, SocialRecognition, PlanTargets }

/// <summary>One indicator's identity: its group, Chinese name as the standard writes it, English label and unit.</summary>
public sealed record CatalogueEntry(string Code, Group Group, string Name, string Label, string Unit, bool Evidence = false, bool Veto = false);

/// <summary>Every indicator the inspection service reports (../shared/docs/indicators.md), by code.</summary>
public static class Catalogue
{
    public static readonly CatalogueEntry[] Entries =
    [
        new("RA", Group.ResourceAllocation, "学校达标（7项中至少6项达标，余项不低于85%）", "schools meeting 6 of 7 resource standards", "schools"),
        new("RA1", Group.ResourceAllocation, "每百名学生拥有高于规定学历教师数", "qualified teachers per 100 students (CV)", "CV"),
        new("RA2", Group.ResourceAllocation, "每百名学生拥有县级以上骨干教师数", "backbone teachers per 100 students (CV)", "CV"),
        new("RA3", Group.ResourceAllocation, "每百名学生拥有体育、艺术（美术、音乐）专任教师数", "PE and art teachers per 100 students (CV)", "CV"),
        new("RA4", Group.ResourceAllocation, "生均教学及辅助用房面积", "teaching and auxiliary floor area per student (CV)", "CV"),
        new("RA5", Group.ResourceAllocation, "生均体育运动场馆面积", "sports ground and hall area per student (CV)", "CV"),
        new("RA6", Group.ResourceAllocation, "生均教学仪器设备值", "teaching equipment value per student (CV)", "CV"),
        new("RA7", Group.ResourceAllocation, "每百名学生拥有网络多媒体教室数", "networked multimedia classrooms per 100 students (CV)", "CV"),
        new("GG1", Group.GovernmentGuarantee, "规划布局合理", "school layout planning is sound", "verdict", Evidence: true),
        new("GG2", Group.GovernmentGuarantee, "城乡统一的建设、编制、公用经费、装备标准", "one urban-rural standard for building, staffing, funds and equipment", "verdict", Evidence: true),
        new("GG3", Group.GovernmentGuarantee, "每12个班级配备音乐、美术专用教室1间以上", "a music and an art room per 12 classes", "schools"),
        new("GG4", Group.GovernmentGuarantee, "学校规模", "school size", "schools"),
        new("GG5", Group.GovernmentGuarantee, "班额", "class size", "schools"),
        new("GG6", Group.GovernmentGuarantee, "不足100名学生的村小学和教学点按100名学生核定公用经费", "small schools funded as 100 students", "schools"),
        new("GG7", Group.GovernmentGuarantee, "特殊教育学校生均公用经费", "special-education school funds per student", "元"),
        new("GG8", Group.GovernmentGuarantee, "教师平均工资收入不低于当地公务员", "teacher pay at least civil servants'", "元"),
        new("GG9", Group.GovernmentGuarantee, "教师5年360学时培训完成率", "teachers with 360 training hours in 5 years", "%"),
        new("GG10", Group.GovernmentGuarantee, "编制岗位统筹", "staffing posts managed county-wide", "verdict", Evidence: true),
        new("GG11", Group.GovernmentGuarantee, "交流轮岗", "teacher exchange", "%"),
        new("GG12", Group.GovernmentGuarantee, "教师持证上岗率", "teachers holding a certificate", "%"),
        new("GG13", Group.GovernmentGuarantee, "就近划片入学", "admission near home", "%"),
        new("GG14", Group.GovernmentGuarantee, "优质高中招生名额分配", "senior-high quota places for junior schools", "%"),
        new("GG15", Group.GovernmentGuarantee, "随迁子女就读公办或政府购买服务民办学校", "migrant children in public or funded places", "%"),
        new("EQ1", Group.EducationQuality, "初中三年巩固率", "junior-school retention", "%"),
        new("EQ2", Group.EducationQuality, "残疾儿童少年入学率", "enrolment of disabled children", "%"),
        new("EQ3", Group.EducationQuality, "学校章程与管理信息化", "school charters and management information systems", "verdict", Evidence: true),
        new("EQ4", Group.EducationQuality, "教师培训经费", "teacher-training spending at 5 % of public funds", "schools"),
        new("EQ5", Group.EducationQuality, "信息化教学", "information technology in teaching", "verdict", Evidence: true),
        new("EQ6", Group.EducationQuality, "德育与校园文化", "moral education and school culture", "verdict", Evidence: true),
        new("EQ7", Group.EducationQuality, "课程开齐开足", "the full curriculum taught", "verdict", Evidence: true),
        new("EQ8", Group.EducationQuality, "无过重课业负担", "no excessive homework burden", "verdict", Evidence: true),
        new("EQ9", Group.EducationQuality, "国家义务教育质量监测", "national quality monitoring", "difference rate"),
        new("SR1", Group.SocialRecognition, "社会认可度", "public satisfaction", "%", Veto: true),
        new("PL1", Group.PlanTargets, "生均公用经费按标准足额拨付并逐年增长", "per-student public funds at the norm, growing yearly", "schools"),
        new("PL2", Group.PlanTargets, "消除大班额", "large classes eliminated", "classes"),
        new("PL3", Group.PlanTargets, "办学条件全项达标学校比例", "schools meeting every facilities standard", "%"),
        new("PL4", Group.PlanTargets, "寄宿制学校后勤装备达到省定标准", "boarding schools meeting the logistics standard", "%"),
        new("PL5", Group.PlanTargets, "教育信息化（校校通、班班通、人人通、多媒体教室）", "school informatization", "%"),
        new("PL6", Group.PlanTargets, "乡村小规模学校班师比与开齐课程", "small schools: two teachers per class, full curriculum", "schools"),
        new("PL7", Group.PlanTargets, "城镇教师交流轮岗并享受乡村补贴", "teacher exchange with rural allowances", "%"),
        new("PL8", Group.PlanTargets, "乡村校长教师5年360学时培训", "rural teachers with 360 training hours", "%"),
        new("PL9", Group.PlanTargets, "乡村教师工资不低于同职级县镇教师", "rural pay at least town pay of the same rank", "元"),
        new("PL10", Group.PlanTargets, "九年义务教育巩固率", "nine-year retention", "%"),
        new("PL11", Group.PlanTargets, "随迁子女、残疾儿童、家庭经济困难学生保障", "migrants, disabled children and poor students provided for", "%"),
        new("PL12", Group.PlanTargets, "乡村教师荣誉证书", "honour certificates for long rural service", "%"),
        new("PL13", Group.PlanTargets, "学校撤并程序与先建后撤", "school closures by the procedure, students placed first", "closures"),
        new("PL14", Group.PlanTargets, "特殊教育生均经费", "special-education funds per student at the standard", "schools"),
    ];

    private static readonly Dictionary<string, CatalogueEntry> ByCode = Entries.ToDictionary(e => e.Code);

    public static CatalogueEntry Get(string code) => ByCode[code];

    public static bool IsEvidence(string code) => ByCode.TryGetValue(code, out var entry) && entry.Evidence;

    public static IEnumerable<string> EvidenceCodes => Entries.Where(e => e.Evidence).Select(e => e.Code);
}
