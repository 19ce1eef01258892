using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduPlatform.Staffing.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class TeachersTrainingExchangesHonours : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "eligibility_revisions",
                columns: table => new
                {
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    eligible = table.Column<int>(type: "integer", nullable: false),
                    eligible_backbone = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_eligibility_revisions", x => new { x.county_code, x.year });
                });

            migrationBuilder.CreateTable(
                name: "exchanges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    teacher_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    from_school_code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: false),
                    to_school_code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: false),
                    backbone = table.Column<bool>(type: "boolean", nullable: false),
                    rural_allowance = table.Column<bool>(type: "boolean", nullable: false),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exchanges", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "honours",
                columns: table => new
                {
                    teacher_id = table.Column<Guid>(type: "uuid", nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    document_reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_honours", x => new { x.teacher_id, x.level });
                });

            migrationBuilder.CreateTable(
                name: "registry_counties",
                columns: table => new
                {
                    code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_counties", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "registry_schools",
                columns: table => new
                {
                    code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: false),
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    location = table.Column<int>(type: "integer", nullable: false),
                    type = table.Column<int>(type: "integer", nullable: false),
                    boarding = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_schools", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "teachers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    id_number = table.Column<string>(type: "character(18)", fixedLength: true, maxLength: 18, nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    school_code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: false),
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    section = table.Column<int>(type: "integer", nullable: false),
                    full_time = table.Column<bool>(type: "boolean", nullable: false),
                    subjects = table.Column<int[]>(type: "integer[]", nullable: false),
                    qualification = table.Column<int>(type: "integer", nullable: false),
                    rank = table.Column<int>(type: "integer", nullable: false),
                    backbone = table.Column<int>(type: "integer", nullable: false),
                    certified = table.Column<bool>(type: "boolean", nullable: false),
                    hire_date = table.Column<DateOnly>(type: "date", nullable: false),
                    at_school_since = table.Column<DateOnly>(type: "date", nullable: false),
                    rural_years = table.Column<int>(type: "integer", nullable: false),
                    annual_pay = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    left_on = table.Column<DateOnly>(type: "date", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_teachers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "town_pay",
                columns: table => new
                {
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    rank = table.Column<int>(type: "integer", nullable: false),
                    average_pay = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_town_pay", x => new { x.county_code, x.year, x.rank });
                });

            migrationBuilder.CreateTable(
                name: "training",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    teacher_id = table.Column<Guid>(type: "uuid", nullable: false),
                    course = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    start_date = table.Column<DateOnly>(type: "date", nullable: false),
                    end_date = table.Column<DateOnly>(type: "date", nullable: false),
                    hours = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_training", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_exchanges_county_code_year",
                table: "exchanges",
                columns: new[] { "county_code", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_exchanges_teacher_id_year",
                table: "exchanges",
                columns: new[] { "teacher_id", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_registry_schools_county_code",
                table: "registry_schools",
                column: "county_code");

            migrationBuilder.CreateIndex(
                name: "ix_teachers_county_code",
                table: "teachers",
                column: "county_code");

            migrationBuilder.CreateIndex(
                name: "ix_teachers_id_number",
                table: "teachers",
                column: "id_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_teachers_school_code",
                table: "teachers",
                column: "school_code");

            migrationBuilder.CreateIndex(
                name: "ix_training_teacher_id_course_start_date",
                table: "training",
                columns: new[] { "teacher_id", "course", "start_date" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "eligibility_revisions");

            migrationBuilder.DropTable(
                name: "exchanges");

            migrationBuilder.DropTable(
                name: "honours");

            migrationBuilder.DropTable(
                name: "registry_counties");

            migrationBuilder.DropTable(
                name: "registry_schools");

            migrationBuilder.DropTable(
                name: "teachers");

            migrationBuilder.DropTable(
                name: "town_pay");

            migrationBuilder.DropTable(
                name: "training");
        }
    }
}
