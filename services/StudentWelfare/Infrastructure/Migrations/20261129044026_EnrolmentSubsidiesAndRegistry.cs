using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduPlatform.StudentWelfare.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class EnrolmentSubsidiesAndRegistry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "junior_non_boarder",
                table: "subsidy_rates",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "primary_non_boarder",
                table: "subsidy_rates",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.CreateTable(
                name: "county_returns",
                columns: table => new
                {
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    figures = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_county_returns", x => new { x.county_code, x.year });
                });

            migrationBuilder.CreateTable(
                name: "coverage_revisions",
                columns: table => new
                {
                    school_code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    term = table.Column<int>(type: "integer", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coverage_revisions", x => new { x.school_code, x.year, x.term });
                });

            migrationBuilder.CreateTable(
                name: "eligible_students",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    student_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    school_code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: false),
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    section = table.Column<int>(type: "integer", nullable: false),
                    boarder = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_eligible_students", x => new { x.year, x.student_id });
                });

            migrationBuilder.CreateTable(
                name: "enrolment_grades",
                columns: table => new
                {
                    school_code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    grade = table.Column<int>(type: "integer", nullable: false),
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    students = table.Column<int>(type: "integer", nullable: false),
                    boarders = table.Column<int>(type: "integer", nullable: false),
                    special_needs = table.Column<int>(type: "integer", nullable: false),
                    transfers_in = table.Column<int>(type: "integer", nullable: false),
                    transfers_out = table.Column<int>(type: "integer", nullable: false),
                    dropouts = table.Column<int>(type: "integer", nullable: false),
                    graduates = table.Column<int>(type: "integer", nullable: false),
                    admitted = table.Column<int>(type: "integer", nullable: false),
                    admitted_from_catchment = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enrolment_grades", x => new { x.school_code, x.year, x.grade });
                });

            migrationBuilder.CreateTable(
                name: "enrolment_returns",
                columns: table => new
                {
                    school_code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    section = table.Column<int>(type: "integer", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enrolment_returns", x => new { x.school_code, x.year, x.section });
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
                name: "subsidy_payments",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    student_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    term = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    paid_on = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subsidy_payments", x => new { x.year, x.student_id, x.term });
                });

            migrationBuilder.CreateIndex(
                name: "ix_eligible_students_county_code_year",
                table: "eligible_students",
                columns: new[] { "county_code", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_enrolment_grades_county_code_year",
                table: "enrolment_grades",
                columns: new[] { "county_code", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_registry_schools_county_code",
                table: "registry_schools",
                column: "county_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "county_returns");

            migrationBuilder.DropTable(
                name: "coverage_revisions");

            migrationBuilder.DropTable(
                name: "eligible_students");

            migrationBuilder.DropTable(
                name: "enrolment_grades");

            migrationBuilder.DropTable(
                name: "enrolment_returns");

            migrationBuilder.DropTable(
                name: "registry_counties");

            migrationBuilder.DropTable(
                name: "registry_schools");

            migrationBuilder.DropTable(
                name: "subsidy_payments");

            migrationBuilder.DropColumn(
                name: "junior_non_boarder",
                table: "subsidy_rates");

            migrationBuilder.DropColumn(
                name: "primary_non_boarder",
                table: "subsidy_rates");
        }
    }
}
