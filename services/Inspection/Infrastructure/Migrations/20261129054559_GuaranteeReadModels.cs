using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduPlatform.Inspection.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class GuaranteeReadModels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal[]>(
                name: "art_room_areas",
                table: "facilities",
                type: "numeric[]",
                nullable: false,
                defaultValue: new decimal[0]);

            migrationBuilder.AddColumn<decimal[]>(
                name: "music_room_areas",
                table: "facilities",
                type: "numeric[]",
                nullable: false,
                defaultValue: new decimal[0]);

            migrationBuilder.CreateTable(
                name: "classes",
                columns: table => new
                {
                    school_code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    section = table.Column<int>(type: "integer", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    sizes = table.Column<int[]>(type: "integer[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_classes", x => new { x.school_code, x.year, x.section });
                });

            migrationBuilder.CreateTable(
                name: "county_welfare",
                columns: table => new
                {
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    migrant_eligible = table.Column<int>(type: "integer", nullable: false),
                    migrant_placed = table.Column<int>(type: "integer", nullable: false),
                    disabled_school_age = table.Column<int>(type: "integer", nullable: false),
                    disabled_enrolled = table.Column<int>(type: "integer", nullable: false),
                    quota_plan = table.Column<int>(type: "integer", nullable: false),
                    quota_allocated = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_county_welfare", x => new { x.county_code, x.year });
                });

            migrationBuilder.CreateTable(
                name: "funding",
                columns: table => new
                {
                    school_code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    students = table.Column<int>(type: "integer", nullable: false),
                    funded_students = table.Column<int>(type: "integer", nullable: false),
                    public_funds_required = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    public_funds_allocated = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false),
                    special_education_allocated = table.Column<decimal>(type: "numeric(16,2)", precision: 16, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_funding", x => new { x.school_code, x.year });
                });

            migrationBuilder.CreateTable(
                name: "pay_references",
                columns: table => new
                {
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    civil_servant_average_pay = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pay_references", x => new { x.county_code, x.year });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "classes");

            migrationBuilder.DropTable(
                name: "county_welfare");

            migrationBuilder.DropTable(
                name: "funding");

            migrationBuilder.DropTable(
                name: "pay_references");

            migrationBuilder.DropColumn(
                name: "art_room_areas",
                table: "facilities");

            migrationBuilder.DropColumn(
                name: "music_room_areas",
                table: "facilities");
        }
    }
}
