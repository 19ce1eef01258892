namespace EduPlatform.DemoCity;

/// <summary>
/// Generates a county's data, deterministically from the seed: the same seed and county give the same
/// rows on every machine (System.Random with a seed is a fixed algorithm). The figures are drawn around
/// the national thresholds (indicators.md) by the county's <see cref="Profile"/>.
/// </summary>
public static class Generator
{
    // The national thresholds per student (primary, junior) the facilities are drawn around (教督〔2017〕6号);
    // teachers meet theirs through the staffing ratios and the profile's shares.
    private static readonly (double Primary, double Junior) Area = (4.5, 5.8), Sports = (7.5, 10.2), Equipment = (2000, 2500),
        Multimedia = (2.3, 2.4);

    private const int StudentsPerTeacherUrban = 14, StudentsPerTeacherTown = 12, StudentsPerTeacherRural = 9;
    private const decimal MusicRoom = 96m, ArtRoom = 90m;

    /// <summary>The small city keeps about a tenth of each county's schools (at least one of each group).</summary>
    private const double SmallShare = 0.12;

    public static CountyData County(CountySpec spec, int seed, CitySize size)
    {
        var random = new Random(unchecked(seed * 7919 + spec.Index * 104_729 + 17));
        var p = spec.Profile;
        var schools = Schools(spec, random, size == CitySize.Small ? SmallShare : 1.0);
        var cohorts = schools.ToDictionary(s => s.Code, s => Cohorts(s, random));
        MatchJuniorIntake(schools, cohorts);
        var history = Enumerable.Range(Roster.FirstEnrolmentYear, Roster.Years[^1] - Roster.FirstEnrolmentYear + 1)
            .Select(y => new EnrolmentYear(y, [.. schools.SelectMany(s => Enrolment(s, y, cohorts[s.Code], p, random))])).ToArray();
        var teachers = Teachers(spec, schools, history[^1].Rows, random);
        var courses = Courses(teachers, p, random);
        var honours = Honours(spec, teachers, random);
        var years = Roster.Years.Select(year => Year(spec, year, schools, history.Single(h => h.Year == year).Rows, teachers, random)).ToArray();
        return new CountyData(spec, schools, teachers, courses, honours, history, years);
    }

    private static SchoolSpec[] Schools(CountySpec spec, Random random, double share)
    {
        var schools = new List<SchoolSpec>();
        var towns = Names.Towns(random, 12);
        foreach (var group in Roster.Composition(spec.Kind))
        {
            for (var i = 0; i < Math.Max(1, (int)Math.Round(group.Count * share)); i++)
            {
                var n = schools.Count + 1;
                var code = $"{spec.Code}{n:0000}";
                var town = towns[i % towns.Length];
                var name = Names.School(spec.Name, group.Type, group.Location, town, i + 1, random);
                var limit = group.Type is "nine-year" ? 2500 : 2000;
                var max = group.MaxStudents * spec.Profile.SchoolSize;
                var students = (int)(group.MinStudents + random.NextDouble() * (max - group.MinStudents));
                // A county whose story is not about oversized schools keeps every school under the limit.
                students = spec.Profile.SchoolSize <= 1 ? Math.Min(students, (int)(limit * 0.9)) : students;
                schools.Add(new SchoolSpec(code, name, group.Location, group.Type, group.Boarding, students));
            }
        }
        return [.. schools];
    }

    /// <summary>Each grade's intake by the year it entered, so a cohort can be followed through the grades.</summary>
    private static Dictionary<(int Entry, int FirstGrade), double> Cohorts(SchoolSpec school, Random random)
    {
        var (first, last) = school.Grades;
        var perGrade = (double)school.Students / (last - first + 1);
        // Villages shrink, towns and cities grow: the urbanisation the plan is about.
        var trend = school.Location switch { "rural" => 0.96, "town" => 1.01, _ => 1.015 };
        var cohorts = new Dictionary<(int, int), double>();
        foreach (var firstGrade in first <= 6 && last >= 7 ? new[] { first, 7 } : [first])
        {
            for (var entry = Roster.FirstEnrolmentYear - 9; entry <= Roster.Years[^1]; entry++)
            {
                cohorts[(entry, firstGrade)] = perGrade * Math.Pow(trend, entry - Roster.Years[^1]) * (0.95 + random.NextDouble() * 0.1);
            }
        }
        return cohorts;
    }

    /// <summary>
    /// Scales each year's grade-7 intake across the county to the primary pupils who finish grade 6, so the
    /// county's cohorts carry through (九年义务教育巩固率 follows one cohort from grade 1 to grade 9).
    /// </summary>
    private static void MatchJuniorIntake(SchoolSpec[] schools, Dictionary<string, Dictionary<(int Entry, int FirstGrade), double>> cohorts)
    {
        var general = schools.Where(s => !s.IsSpecial).ToList();
        var primary = general.Where(s => s.Grades is (1, >= 6)).Select(s => cohorts[s.Code]).ToList();
        var junior = general.Where(s => s.Grades.Last == 9).Select(s => cohorts[s.Code]).ToList();
        foreach (var entry in junior.SelectMany(c => c.Keys).Where(k => k.FirstGrade == 7).Select(k => k.Entry).Distinct().ToList())
        {
            var finishing = primary.Sum(c => c.GetValueOrDefault((entry - 6, 1)));
            var entering = junior.Sum(c => c[(entry, 7)]);
            if (finishing > 0 && entering > 0)
            {
                foreach (var c in junior)
                {
                    c[(entry, 7)] *= finishing / entering;
                }
            }
        }
    }

    private static IEnumerable<EnrolmentRow> Enrolment(SchoolSpec school, int year, Dictionary<(int, int), double> cohorts, Profile p, Random random)
    {
        var (first, last) = school.Grades;
        for (var grade = first; grade <= last; grade++)
        {
            var firstGrade = grade <= 6 ? first : Math.Max(first, 7);
            var survival = school.Location == "rural" ? p.Survival : Math.Max(p.Survival, 0.993);
            var students = (int)Math.Round(cohorts[(year - (grade - firstGrade), firstGrade)] * Math.Pow(survival, grade - firstGrade));
            students = Math.Max(students, 1);
            var boarders = school.Boarding ? (int)Math.Round(students * (grade >= 7 ? 0.6 : grade >= 4 ? 0.3 : 0.1)) : 0;
            var special = school.IsSpecial ? students : (int)Math.Round(students * 0.004 * random.NextDouble() * 2);
            var moves = (int)Math.Round(students * 0.01);
            var dropouts = (int)Math.Round(students * (1 - survival));
            // Through-train and special schools keep their grade-6 pupils on into grade 7.
            var graduates = grade == 9 || grade == 6 && school.Type == "primary" ? students - dropouts : 0;
            var entering = grade == first || grade == 7;
            var catchment = school.Location != "rural" && !school.Boarding ? p.Catchment : 1.0;
            yield return new EnrolmentRow(school.Code, grade, students, boarders, special, moves, moves, dropouts, graduates,
                entering ? students : 0, entering ? (int)Math.Round(students * catchment) : 0);
        }
    }

    private static TeacherRow[] Teachers(CountySpec spec, SchoolSpec[] schools, EnrolmentRow[] enrolment, Random random)
    {
        var p = spec.Profile;
        var bySchool = enrolment.GroupBy(r => r.SchoolCode).ToDictionary(g => g.Key, g => g.ToArray());
        var teachers = new List<TeacherRow>();
        foreach (var school in schools)
        {
            foreach (var (section, rows) in bySchool[school.Code].GroupBy(r => Section(r.Grade)).Select(g => (g.Key, g.ToArray())))
            {
                var students = rows.Sum(r => r.Students);
                var rural = school.Location == "rural";
                var ratio = school.IsSpecial ? 4 : rural ? StudentsPerTeacherRural : school.Location == "town" ? StudentsPerTeacherTown : StudentsPerTeacherUrban;
                var count = Math.Max(2, (int)Math.Ceiling((double)students / ratio));
                var small = school.Students < 200;
                var classes = rows.Sum(r => Classes(r.Students, ClassTarget(school, p)));
                if (small && p.SmallSchoolsStaffed)
                {
                    count = Math.Max(count, 2 * classes);
                }
                var junior = section == "junior";
                // Each school gets its profile's shares exactly (rounded), so a story is not undone by chance in a small school.
                var qualified = Chosen(count, rural ? p.RuralQualified : p.UrbanQualified, random);
                var backbone = Chosen(count, rural ? p.RuralBackbone : p.UrbanBackbone, random);
                var peArt = (int)Math.Round(count * (rural ? p.RuralPeArt : p.UrbanPeArt));
                // Small schools that are properly staffed have their music, PE, art and English teachers.
                string[] required = small && p.SmallSchoolsStaffed ? ["music", "physical-education", "fine-art", "english"] : [];
                for (var i = 0; i < count; i++)
                {
                    var subject = i < required.Length ? required[i]
                        : i < peArt ? Pick(random, "physical-education", "physical-education", "music", "fine-art")
                        : Pick(random, "chinese", "chinese", "mathematics", "mathematics", "english", "science", "morality", "information-technology");
                    teachers.Add(Teacher(spec, teachers.Count, school, section, junior, rural, subject, qualified.Contains(i), backbone.Contains(i),
                        fullTime: i % 50 != 49, random));
                }
            }
        }
        return [.. teachers];
    }

    private static HashSet<int> Chosen(int count, double share, Random random) =>
        [.. Enumerable.Range(0, count).OrderBy(_ => random.Next()).Take((int)Math.Round(count * share))];

    private static TeacherRow Teacher(CountySpec spec, int index, SchoolSpec school, string section, bool junior, bool rural, string subject,
        bool aboveBar, bool isBackbone, bool fullTime, Random random)
    {
        var p = spec.Profile;
        // Above the bar: 专科 or higher for primary, 本科 or higher for junior.
        var qualification = aboveBar
            ? junior || random.NextDouble() < 0.7 ? Pick(random, "bachelor", "bachelor", "bachelor", "master") : "associate"
            : junior ? "associate" : "high-school";
        var now = Roster.Years[^1];
        var birth = IdNumbers.BirthDate(index);
        var hired = new DateOnly(birth.Year + 22 + random.Next(3), 9, 1);
        var yearsHere = random.Next(0, Math.Max(1, now - hired.Year));
        var atSchool = new DateOnly(now - yearsHere, 9, 1) < hired ? hired : new DateOnly(now - yearsHere, 9, 1);
        var career = now - hired.Year;
        var rank = career switch { < 2 => "none", < 5 => "third", < 10 => "second", < 20 => "first", _ => random.NextDouble() < 0.3 ? "senior" : "first" };
        var backbone = isBackbone ? Pick(random, "county", "county", "county", "city", "city", "province") : "none";
        var pay = Pay.Of(rank) * (rural ? p.RuralPayOverTown : 1.0) * (0.97 + random.NextDouble() * 0.06);
        return new TeacherRow(IdNumbers.Of(spec.Code, index), Names.Person(random), school.Code, section, fullTime, [subject], qualification,
            rank, backbone, Certified: random.NextDouble() < p.Certified, hired, atSchool, RuralYears: rural ? now - atSchool.Year : 0,
            AnnualPay: RoundTo(pay, 10));
    }

    private static PlannedCourse[] Courses(TeacherRow[] teachers, Profile p, Random random)
    {
        var courses = new List<PlannedCourse>();
        for (var i = 0; i < teachers.Length; i++)
        {
            // Two 180-hour summer courses make the 360 hours of five years; a teacher short of training has only the later one.
            if (random.NextDouble() < p.TrainingComplete)
            {
                courses.Add(new PlannedCourse(i, "暑期全员培训 2023", new DateOnly(2023, 7, 3), new DateOnly(2023, 7, 20), 180m));
            }
            courses.Add(new PlannedCourse(i, "暑期全员培训 2025", new DateOnly(2025, 7, 7), new DateOnly(2025, 7, 24), 180m));
        }
        return [.. courses];
    }

    /// <summary>Certificates for ten (county) and fifteen (city) consecutive years in village schools, to the share of those due the county awards.</summary>
    private static PlannedHonour[] Honours(CountySpec spec, TeacherRow[] teachers, Random random)
    {
        var honours = new List<PlannedHonour>();
        for (var i = 0; i < teachers.Length; i++)
        {
            foreach (var (level, years) in new[] { ("county", 10), ("city", 15) })
            {
                if (teachers[i].RuralYears >= years && random.NextDouble() < spec.Profile.Honoured)
                {
                    honours.Add(new PlannedHonour(i, level, Roster.Years[0], $"{spec.Name}人社〔{Roster.Years[0]}〕{honours.Count + 1}号"));
                }
            }
        }
        return [.. honours];
    }

    private static CountyYear Year(CountySpec spec, int year, SchoolSpec[] schools, EnrolmentRow[] enrolment, TeacherRow[] teachers, Random random)
    {
        var p = spec.Profile;
        var bySchool = enrolment.GroupBy(r => r.SchoolCode).ToDictionary(g => g.Key, g => g.ToArray());
        var returns = new List<FacilityReturnRow>();
        var classes = new List<ClassRow>();
        var teachersBySection = teachers.GroupBy(t => (t.SchoolCode, t.Section)).ToDictionary(g => g.Key, g => g.Count());
        foreach (var school in schools)
        {
            var target = ClassTarget(school, p);
            foreach (var row in bySchool[school.Code])
            {
                var k = Classes(row.Students, target);
                for (var c = 0; c < k; c++)
                {
                    classes.Add(new ClassRow(school.Code, row.Grade, c + 1, row.Students / k + (c < row.Students % k ? 1 : 0)));
                }
            }
            if (school.IsSpecial)
            {
                continue; // a special-education school files no facility return under the general standard
            }
            foreach (var section in bySchool[school.Code].GroupBy(r => Section(r.Grade)))
            {
                var students = section.Sum(r => r.Students);
                var sectionClasses = section.Sum(r => Classes(r.Students, target));
                var staff = teachersBySection.GetValueOrDefault((school.Code, section.Key));
                returns.Add(Facilities(school, section.Key, students, sectionClasses, staff, year, p, random));
            }
        }
        var boarding = schools.Where(s => s.Boarding).Select(s =>
        {
            var complete = p.BoardingComplete || random.NextDouble() < 0.4;
            return new BoardingLogisticsRow(s.Code, true, true, complete || random.NextDouble() < 0.5, complete, true, complete);
        }).ToArray();
        var (eligible, payments) = Subsidies(spec, year, schools, bySchool, random);
        return new CountyYear(year, [.. returns], [.. classes], boarding,
            Allocations(spec, year, schools, bySchool), Finance(spec, year, enrolment), Welfare(spec, enrolment, random),
            eligible, payments, PayReference(spec, teachers), Exchanges(spec, year, schools, teachers, random),
            Verdicts(spec, year), Monitoring(spec, year), Survey(spec, year, enrolment));
    }

    private static string Section(int grade) => grade <= 6 ? "primary" : "junior";

    private static int ClassTarget(SchoolSpec school, Profile p) => school.IsSpecial ? 10
        : school.Location switch { "rural" => p.RuralClassTarget, "town" => p.TownClassTarget, _ => p.UrbanClassTarget };

    private static int Classes(int students, int target) => Math.Max(1, (students + target - 1) / target);

    private static FacilityReturnRow Facilities(SchoolSpec school, string section, int students, int classes, int teachers, int year,
        Profile p, Random random)
    {
        var junior = section == "junior";
        double Bar((double Primary, double Junior) threshold) => junior ? threshold.Junior : threshold.Primary;
        var improvement = school.Location == "rural" && year > Roster.Years[0] ? p.RuralImprovement : 1.0;
        var (space, equipment) = school.Location switch
        {
            "rural" => (p.RuralSpace, p.RuralEquipment),
            "town" => (p.TownSpace, p.TownEquipment),
            _ => (p.UrbanSpace, p.UrbanEquipment),
        };
        double Vary(double level) => level * improvement * (1 - p.Spread + random.NextDouble() * 2 * p.Spread);
        var sports = students * Bar(Sports) * Vary(space);
        var rooms = Math.Max(1, (classes + 11) / 12);
        var fullRooms = p.FullRooms || random.NextDouble() < 0.6;
        decimal[] Rooms(decimal minimum) => fullRooms
            ? [.. Enumerable.Range(0, rooms).Select(_ => minimum + random.Next(0, 30))]
            : [.. Enumerable.Range(0, Math.Max(0, rooms - 1)).Select(_ => minimum - 20 + random.Next(0, 40))];
        // Rooms come whole: a small school has the rooms its level calls for, rounded up.
        var multimedia = Math.Max(1, (int)Math.Ceiling(students * Bar(Multimedia) / 100 * Vary(equipment)));
        var banbantong = Math.Min(1.0, 0.85 + equipment * 0.08);
        return new FacilityReturnRow(school.Code, section,
            TeachingAuxiliaryArea: Round(students * Bar(Area) * Vary(space)),
            SportsGroundArea: Round(sports * 0.85), SportsHallArea: Round(sports * 0.15),
            EquipmentValue: RoundTo(students * Bar(Equipment) * Vary(equipment), 100),
            MultimediaClassrooms: multimedia,
            Computers: (int)Math.Round(students * 0.12 * Vary(equipment)),
            Books: (int)Math.Round(students * 30 * Vary(equipment)),
            MusicRoomAreas: Rooms(MusicRoom), ArtRoomAreas: Rooms(ArtRoom),
            BroadbandMbps: school.Location switch { "rural" => equipment >= 1 ? 20 : 8, "town" => 100, _ => 500 },
            OrdinaryClassrooms: classes,
            ClassroomsWithMultimedia: (int)Math.Round(classes * Math.Min(1.0, 0.8 + equipment * 0.12)),
            ClassesWithBanbantong: (int)Math.Round(classes * banbantong),
            ActiveRenrentongAccounts: (int)Math.Round((students + teachers) * Math.Min(1.0, 0.7 + equipment * 0.12)));
    }

    private static decimal Round(double value) => Math.Round((decimal)value);

    /// <summary>Rounded to a whole number of units (10 元, 100 元), as clerks write such figures.</summary>
    private static decimal RoundTo(double value, decimal unit) => Math.Round((decimal)value / unit) * unit;

    /// <summary>What the finance bureau allocates: what the school is owed (the funding service's rule) times the county's generosity.</summary>
    private static AllocationRow[] Allocations(CountySpec spec, int year, SchoolSpec[] schools, Dictionary<string, EnrolmentRow[]> bySchool)
    {
        var p = spec.Profile;
        var norm = Norm(year);
        return schools.Select(school =>
        {
            var rows = bySchool[school.Code];
            var students = rows.Sum(r => r.Students);
            var special = school.IsSpecial ? students : rows.Sum(r => Math.Min(r.SpecialNeeds, r.Students));
            var primary = school.IsSpecial ? 0 : rows.Where(r => r.Grade <= 6).Sum(r => r.Students - Math.Min(r.SpecialNeeds, r.Students));
            var junior = school.IsSpecial ? 0 : rows.Where(r => r.Grade >= 7).Sum(r => r.Students - Math.Min(r.SpecialNeeds, r.Students));
            var missing = school.IsSpecial || students >= norm.SmallSchoolFloor || !p.SmallSchoolFloor ? 0 : norm.SmallSchoolFloor - students;
            var owed = norm.PrimaryPerStudent * (primary + (school.Type == "junior" ? 0 : missing))
                       + norm.JuniorPerStudent * (junior + (school.Type == "junior" ? missing : 0))
                       + norm.BoardingSupplement * rows.Sum(r => r.Boarders);
            var publicFunds = Math.Round(owed * (decimal)p.Allocation / 100m) * 100m;
            var perSpecial = school.IsSpecial ? p.SpecialPerStudent : norm.SpecialEducationPerStudent * 1.02m;
            return new AllocationRow(school.Code, publicFunds, Math.Round(special * perSpecial),
                Math.Round(publicFunds * (decimal)p.TrainingBudget));
        }).ToArray();
    }

    /// <summary>The province's norms for a year (元 per student), as the finance bureau publishes them.</summary>
    public static FundingNorm Norm(int year) => year <= Roster.Years[0]
        ? new FundingNorm(650m, 850m, 200m, 6000m, 100)
        : new FundingNorm(700m, 900m, 220m, 6500m, 100);

    public static SubsidyRate Rate(int year) => year <= Roster.Years[0]
        ? new SubsidyRate(1000m, 1250m, 500m, 625m)
        : new SubsidyRate(1100m, 1375m, 550m, 690m);

    private static CountyFinance Finance(CountySpec spec, int year, EnrolmentRow[] enrolment)
    {
        var growth = Math.Pow(spec.Profile.FundingGrowth, year - Roster.Years[0]);
        double students = enrolment.Sum(r => r.Students);
        var primary = (decimal)Math.Round(9000 * growth);
        var junior = (decimal)Math.Round(12500 * growth);
        return new CountyFinance(EducationSpending: RoundTo(students * 11_000 * growth, 1000),
            RecurrentRevenue: RoundTo(students * 52_000 * Math.Pow(1.03, year - Roster.Years[0]), 1000),
            PrimarySpendingPerStudent: primary, JuniorSpendingPerStudent: junior);
    }

    private static CountyWelfareReturn Welfare(CountySpec spec, EnrolmentRow[] enrolment, Random random)
    {
        var p = spec.Profile;
        var students = enrolment.Sum(r => r.Students);
        var migrants = (int)(students * (spec.Kind == CountyKind.UrbanDistrict ? 0.12 : 0.04));
        var disabled = Math.Max(20, students / 400);
        var enrolled = (int)Math.Round(disabled * p.Disabled);
        var special = enrolled / 3;
        var home = enrolled / 10;
        var plan = Math.Max(100, enrolment.Where(r => r.Grade == 9).Sum(r => r.Students) / 2);
        var leftBehind = (int)(students * (spec.Kind == CountyKind.MountainCounty ? 0.15 : 0.05));
        return new CountyWelfareReturn(migrants, (int)(migrants * p.Migrants * 0.9), (int)(migrants * p.Migrants * 0.1),
            disabled, enrolled - special - home, special, home, 0, leftBehind, (int)(leftBehind * (0.9 + random.NextDouble() * 0.1)),
            plan, (int)Math.Round(plan * p.Quota));
    }

    private static (EligibleStudentRow[], PaymentRow[]) Subsidies(CountySpec spec, int year, SchoolSpec[] schools,
        Dictionary<string, EnrolmentRow[]> bySchool, Random random)
    {
        var rate = Rate(year);
        var eligible = new List<EligibleStudentRow>();
        var payments = new List<PaymentRow>();
        foreach (var school in schools)
        {
            var share = school.Location switch { "rural" => 0.1, "town" => 0.06, _ => 0.03 };
            foreach (var row in bySchool[school.Code])
            {
                var junior = row.Grade >= 7;
                var n = (int)Math.Round(row.Students * share);
                for (var i = 0; i < n; i++)
                {
                    // The same child keeps the same id from year to year: the id follows the cohort, not the grade.
                    var id = $"{school.Code}-{year - row.Grade + 1}-{i:000}";
                    var boarder = i < row.Boarders * share;
                    eligible.Add(new EligibleStudentRow(id, Names.Person(random), school.Code, junior ? "junior" : "primary", boarder));
                    var owed = (junior, boarder) switch
                    {
                        (false, true) => rate.PrimaryBoarder, (true, true) => rate.JuniorBoarder,
                        (false, false) => rate.PrimaryNonBoarder, _ => rate.JuniorNonBoarder,
                    };
                    if (random.NextDouble() < spec.Profile.SubsidyPaid)
                    {
                        payments.Add(new PaymentRow(id, 1, owed, new DateOnly(year, 10, 15)));
                        payments.Add(new PaymentRow(id, 2, owed, new DateOnly(year + 1, 4, 15)));
                    }
                }
            }
        }
        return ([.. eligible], [.. payments]);
    }

    private static PayReference PayReference(CountySpec spec, TeacherRow[] teachers)
    {
        var p = spec.Profile;
        var average = teachers.Where(t => t.FullTime).Average(t => (double)t.AnnualPay);
        var civil = RoundTo(average / p.PayOverCivilServants, 100);
        return new PayReference(civil, [.. new[] { "none", "third", "second", "first", "senior" }
            .Select(rank => new TownPay(rank, RoundTo(Pay.Of(rank), 10)))]);
    }

    /// <summary>Urban and town teachers at the same school for six years by 1 September go to village schools, backbone teachers first among them.</summary>
    private static PlannedExchange[] Exchanges(CountySpec spec, int year, SchoolSpec[] schools, TeacherRow[] teachers, Random random)
    {
        var p = spec.Profile;
        var location = schools.ToDictionary(s => s.Code, s => s.Location);
        var villages = schools.Where(s => s.Location == "rural" && !s.IsSpecial).Select(s => s.Code).ToArray();
        if (villages.Length == 0)
        {
            return [];
        }
        var cutoff = new DateOnly(year - 6, 9, 1);
        var eligible = teachers.Select((t, i) => (Teacher: t, Index: i))
            .Where(x => x.Teacher.FullTime && location[x.Teacher.SchoolCode] != "rural" && x.Teacher.AtSchoolSince <= cutoff)
            // The other year's exchanges take other teachers: alternate by row.
            .Where(x => x.Index % 2 == year % 2).ToList();
        var count = (int)Math.Ceiling(eligible.Count * 2 * p.ExchangeShare);
        var backbone = eligible.Where(x => x.Teacher.Backbone != "none").ToList();
        var others = eligible.Where(x => x.Teacher.Backbone == "none").ToList();
        var fromBackbone = Math.Min(backbone.Count, (int)Math.Ceiling(count * p.ExchangeBackbone));
        return [.. backbone.Take(fromBackbone).Concat(others.Take(count - fromBackbone))
            .Select((x, i) => new PlannedExchange(x.Index, year, villages[i % villages.Length], new DateOnly(year, 9, 1), true))];
    }

    private static readonly string[] EvidenceCodes = ["GG1", "GG2", "GG10", "EQ3", "EQ5", "EQ6", "EQ7", "EQ8"];

    private static Dictionary<string, Verdict> Verdicts(CountySpec spec, int year) => EvidenceCodes.ToDictionary(code => code, code =>
    {
        // A county whose story includes it fails the layout plan (GG1) and the curriculum check (EQ7).
        var met = spec.Profile.VerdictsMet || code is not ("GG1" or "EQ7");
        return new Verdict(met, $"{spec.Name}督导〔{year + 1}〕{Array.IndexOf(EvidenceCodes, code) + 1}号", "市督导室",
            met ? "材料齐全，现场核查属实" : "现场核查发现问题，限期整改");
    });

    private static MonitoringRow Monitoring(CountySpec spec, int year) =>
        new(spec.Code, ["语文", "数学", "体育"], spec.Profile.MonitoringDifference < 0.15m ? [3m, 4m, 3m] : [3m, 2m, 3m],
            spec.Profile.MonitoringDifference, $"国家义务教育质量监测报告 {year}");

    private static SurveyRow Survey(CountySpec spec, int year, EnrolmentRow[] enrolment) =>
        new(spec.Code, spec.Profile.Satisfaction, Math.Max(400, enrolment.Sum(r => r.Students) / 100), $"满意度调查 {year}");

    private static T Pick<T>(Random random, params T[] items) => items[random.Next(items.Length)];

    /// <summary>Average annual pay (元) of town teachers by rank; rural teachers are paid against it.</summary>
    private static class Pay
    {
        public static double Of(string rank) => rank switch
        {
            "none" => 62_000, "third" => 68_000, "second" => 76_000, "first" => 88_000, "senior" => 102_000, _ => 118_000,
        };
    }
}
