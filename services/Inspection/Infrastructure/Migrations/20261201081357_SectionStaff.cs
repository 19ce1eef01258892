using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduPlatform.Inspection.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SectionStaff : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "section_staff",
                columns: table => new
                {
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    school_code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: false),
                    section = table.Column<int>(type: "integer", nullable: false),
                    full_time = table.Column<int>(type: "integer", nullable: false),
                    qualified = table.Column<int>(type: "integer", nullable: false),
                    backbone = table.Column<int>(type: "integer", nullable: false),
                    pe_and_art = table.Column<int>(type: "integer", nullable: false),
                    mid_rank = table.Column<int>(type: "integer", nullable: false),
                    subject_teachers = table.Column<int[]>(type: "integer[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_section_staff", x => new { x.county_code, x.school_code, x.section });
                });

            migrationBuilder.CreateIndex(
                name: "ix_section_staff_school_code",
                table: "section_staff",
                column: "school_code");

            // The teachers already kept get their sections' counts now, by the rules of StaffCount as they stand today
            // (enum values: primary 0; 专科 1, 本科 2; backbone county 1; 一级 3; PE 4, music 5, fine art 6; ten subjects).
            // Later changes keep them; a rebuild recomputes them in code.
            migrationBuilder.Sql("""
                INSERT INTO section_staff (county_code, school_code, section, full_time, qualified, backbone, pe_and_art, mid_rank, subject_teachers)
                SELECT county_code, school_code, section,
                       count(*) FILTER (WHERE full_time),
                       count(*) FILTER (WHERE full_time AND qualification >= CASE WHEN section = 0 THEN 1 ELSE 2 END),
                       count(*) FILTER (WHERE backbone >= 1),
                       count(*) FILTER (WHERE full_time AND subjects && ARRAY[4, 5, 6]),
                       count(*) FILTER (WHERE full_time AND rank >= 3),
                       ARRAY[count(*) FILTER (WHERE full_time AND 0 = ANY(subjects))::int,
                             count(*) FILTER (WHERE full_time AND 1 = ANY(subjects))::int,
                             count(*) FILTER (WHERE full_time AND 2 = ANY(subjects))::int,
                             count(*) FILTER (WHERE full_time AND 3 = ANY(subjects))::int,
                             count(*) FILTER (WHERE full_time AND 4 = ANY(subjects))::int,
                             count(*) FILTER (WHERE full_time AND 5 = ANY(subjects))::int,
                             count(*) FILTER (WHERE full_time AND 6 = ANY(subjects))::int,
                             count(*) FILTER (WHERE full_time AND 7 = ANY(subjects))::int,
                             count(*) FILTER (WHERE full_time AND 8 = ANY(subjects))::int,
                             count(*) FILTER (WHERE full_time AND 9 = ANY(subjects))::int]
                FROM teachers WHERE active
                GROUP BY county_code, school_code, section
                HAVING count(*) FILTER (WHERE full_time OR backbone >= 1) > 0
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "section_staff");
        }
    }
}
