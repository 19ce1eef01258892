namespace EduPlatform.Contracts.Staffing;

// Written as kebab-case strings on the wire and in the APIs. Add members only at the end.

/// <summary>Highest qualification: 高中/中专, 专科, 本科, 硕士, 博士.</summary>
public enum Qualification { HighSchool, Associate, Bachelor, Master, Doctor }

/// <summary>Professional rank (职称): none yet, 三级, 二级, 一级, 高级, 正高级.</summary>
public enum Rank { None, Third, Second, First, Senior, Professor }

/// <summary>Backbone teacher (骨干教师) recognition, by the level that recognised it.</summary>
public enum BackboneLevel { None, County, City, Province, National }

public enum Subject { Chinese, Mathematics, English, Science, PhysicalEducation, Music, FineArt, InformationTechnology, Morality, Other }

/// <summary>What changed for a teacher: hired, moved to another school, profile changed, left.</summary>
public enum TeacherChange { Hired, Transferred, Updated, Left }

/// <summary>Honour certificates for long rural service: county (≥ 10 years), city (≥ 15 years).</summary>
public enum HonourLevel { County, City }
