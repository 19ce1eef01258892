using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduPlatform.Funding.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class NormsAllocationsAssessmentsFinance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_funding_norms",
                table: "funding_norms");

            migrationBuilder.AddColumn<string>(
                name: "scope",
                table: "funding_norms",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                // Norms stored before counties could set their own were the province's.
                defaultValue: "province");

            migrationBuilder.AddColumn<decimal>(
                name: "boarding_supplement",
                table: "funding_norms",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<int>(
                name: "small_school_floor",
                table: "funding_norms",
                type: "integer",
                nullable: false,
                defaultValue: 100);

            migrationBuilder.AddColumn<decimal>(
                name: "special_education_per_student",
                table: "funding_norms",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddPrimaryKey(
                name: "pk_funding_norms",
                table: "funding_norms",
                columns: new[] { "scope", "year" });

            migrationBuilder.CreateTable(
                name: "allocations",
                columns: table => new
                {
                    school_code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    public_funds = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    special_education_funds = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    training_budget = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_allocations", x => new { x.school_code, x.year });
                });

            migrationBuilder.CreateTable(
                name: "assessments",
                columns: table => new
                {
                    school_code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    figures = table.Column<string>(type: "jsonb", nullable: false),
                    assessed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessments", x => new { x.school_code, x.year });
                });

            migrationBuilder.CreateTable(
                name: "county_finance",
                columns: table => new
                {
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    education_spending = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    recurrent_revenue = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    primary_spending_per_student = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    junior_spending_per_student = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_county_finance", x => new { x.county_code, x.year });
                });

            migrationBuilder.CreateTable(
                name: "enrolment",
                columns: table => new
                {
                    school_code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    section = table.Column<int>(type: "integer", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    students = table.Column<int>(type: "integer", nullable: false),
                    boarders = table.Column<int>(type: "integer", nullable: false),
                    special_needs = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enrolment", x => new { x.school_code, x.year, x.section });
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

            migrationBuilder.CreateIndex(
                name: "ix_assessments_county_code_year",
                table: "assessments",
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
                name: "allocations");

            migrationBuilder.DropTable(
                name: "assessments");

            migrationBuilder.DropTable(
                name: "county_finance");

            migrationBuilder.DropTable(
                name: "enrolment");

            migrationBuilder.DropTable(
                name: "registry_counties");

            migrationBuilder.DropTable(
                name: "registry_schools");

            migrationBuilder.DropPrimaryKey(
                name: "pk_funding_norms",
                table: "funding_norms");

            migrationBuilder.DropColumn(
                name: "scope",
                table: "funding_norms");

            migrationBuilder.DropColumn(
                name: "boarding_supplement",
                table: "funding_norms");

            migrationBuilder.DropColumn(
                name: "small_school_floor",
                table: "funding_norms");

            migrationBuilder.DropColumn(
                name: "special_education_per_student",
                table: "funding_norms");

            migrationBuilder.AddPrimaryKey(
                name: "pk_funding_norms",
                table: "funding_norms",
                column: "year");
        }
    }
}
