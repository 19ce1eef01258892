using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduPlatform.Facilities.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SchoolsReturnsAndPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "classes",
                columns: table => new
                {
                    school_code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    grade = table.Column<int>(type: "integer", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    students = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_classes", x => new { x.school_code, x.year, x.grade, x.number });
                });

            migrationBuilder.CreateTable(
                name: "layout_plans",
                columns: table => new
                {
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    document_reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_layout_plans", x => x.county_code);
                });

            migrationBuilder.CreateTable(
                name: "procedures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    school_code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: false),
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    receiving_school_code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: true),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    effective_date = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_procedures", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "school_history",
                columns: table => new
                {
                    school_code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    location = table.Column<int>(type: "integer", nullable: false),
                    type = table.Column<int>(type: "integer", nullable: false),
                    boarding = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_school_history", x => new { x.school_code, x.version });
                });

            migrationBuilder.CreateTable(
                name: "schools",
                columns: table => new
                {
                    code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: false),
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    location = table.Column<int>(type: "integer", nullable: false),
                    type = table.Column<int>(type: "integer", nullable: false),
                    boarding = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_schools", x => x.code);
                    table.ForeignKey(
                        name: "fk_schools_counties_county_code",
                        column: x => x.county_code,
                        principalTable: "counties",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "layout_plan_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    school_code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: true),
                    planned_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    action = table.Column<int>(type: "integer", nullable: false),
                    target_year = table.Column<int>(type: "integer", nullable: false),
                    planned_location = table.Column<int>(type: "integer", nullable: true),
                    planned_type = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_layout_plan_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_layout_plan_items_layout_plans_county_code",
                        column: x => x.county_code,
                        principalTable: "layout_plans",
                        principalColumn: "county_code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "procedure_steps",
                columns: table => new
                {
                    procedure_id = table.Column<Guid>(type: "uuid", nullable: false),
                    step = table.Column<int>(type: "integer", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    document_reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_procedure_steps", x => new { x.procedure_id, x.step });
                    table.ForeignKey(
                        name: "fk_procedure_steps_procedures_procedure_id",
                        column: x => x.procedure_id,
                        principalTable: "procedures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "boarding_logistics",
                columns: table => new
                {
                    school_code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    canteen = table.Column<bool>(type: "boolean", nullable: false),
                    dormitory = table.Column<bool>(type: "boolean", nullable: false),
                    drinking_water = table.Column<bool>(type: "boolean", nullable: false),
                    bathing = table.Column<bool>(type: "boolean", nullable: false),
                    toilets = table.Column<bool>(type: "boolean", nullable: false),
                    waste_handling = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_boarding_logistics", x => new { x.school_code, x.year });
                    table.ForeignKey(
                        name: "fk_boarding_logistics_schools_school_code",
                        column: x => x.school_code,
                        principalTable: "schools",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "class_lists",
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
                    table.PrimaryKey("pk_class_lists", x => new { x.school_code, x.year, x.section });
                    table.ForeignKey(
                        name: "fk_class_lists_schools_school_code",
                        column: x => x.school_code,
                        principalTable: "schools",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "facility_returns",
                columns: table => new
                {
                    school_code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    section = table.Column<int>(type: "integer", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    first_submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    figures = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_facility_returns", x => new { x.school_code, x.year, x.section });
                    table.ForeignKey(
                        name: "fk_facility_returns_schools_school_code",
                        column: x => x.school_code,
                        principalTable: "schools",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_classes_year_students",
                table: "classes",
                columns: new[] { "year", "students" });

            migrationBuilder.CreateIndex(
                name: "ix_layout_plan_items_county_code",
                table: "layout_plan_items",
                column: "county_code");

            migrationBuilder.CreateIndex(
                name: "ix_procedures_county_code",
                table: "procedures",
                column: "county_code");

            migrationBuilder.CreateIndex(
                name: "ix_procedures_open_per_school",
                table: "procedures",
                column: "school_code",
                unique: true,
                filter: "completed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_schools_county_code",
                table: "schools",
                column: "county_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "boarding_logistics");

            migrationBuilder.DropTable(
                name: "class_lists");

            migrationBuilder.DropTable(
                name: "classes");

            migrationBuilder.DropTable(
                name: "facility_returns");

            migrationBuilder.DropTable(
                name: "layout_plan_items");

            migrationBuilder.DropTable(
                name: "procedure_steps");

            migrationBuilder.DropTable(
                name: "school_history");

            migrationBuilder.DropTable(
                name: "schools");

            migrationBuilder.DropTable(
                name: "layout_plans");

            migrationBuilder.DropTable(
                name: "procedures");
        }
    }
}
