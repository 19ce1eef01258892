using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EduPlatform.Inspection.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ScorecardsAndEvaluations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal[]>(
                name: "town_pay",
                table: "pay_references",
                type: "numeric[]",
                nullable: false,
                defaultValue: new decimal[0]);

            migrationBuilder.AddColumn<int[]>(
                name: "town_ranks",
                table: "pay_references",
                type: "integer[]",
                nullable: false,
                defaultValue: new int[0]);

            migrationBuilder.AddColumn<decimal>(
                name: "special_education_required",
                table: "funding",
                type: "numeric(16,2)",
                precision: 16,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "training_allocated",
                table: "funding",
                type: "numeric(16,2)",
                precision: 16,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "training_required",
                table: "funding",
                type: "numeric(16,2)",
                precision: 16,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<int>(
                name: "active_renrentong_accounts",
                table: "facilities",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<decimal>(
                name: "broadband_mbps",
                table: "facilities",
                type: "numeric(10,2)",
                precision: 10,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<int>(
                name: "classes_with_banbantong",
                table: "facilities",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "classrooms_with_multimedia",
                table: "facilities",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ordinary_classrooms",
                table: "facilities",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int[]>(
                name: "grade_students",
                table: "enrolment",
                type: "integer[]",
                nullable: false,
                defaultValue: new int[0]);

            migrationBuilder.AddColumn<int[]>(
                name: "grades",
                table: "enrolment",
                type: "integer[]",
                nullable: false,
                defaultValue: new int[0]);

            migrationBuilder.AddColumn<int[]>(
                name: "graduates",
                table: "enrolment",
                type: "integer[]",
                nullable: false,
                defaultValue: new int[0]);

            migrationBuilder.AddColumn<int[]>(
                name: "transfers_in",
                table: "enrolment",
                type: "integer[]",
                nullable: false,
                defaultValue: new int[0]);

            migrationBuilder.AddColumn<int[]>(
                name: "transfers_out",
                table: "enrolment",
                type: "integer[]",
                nullable: false,
                defaultValue: new int[0]);

            migrationBuilder.CreateTable(
                name: "boarding",
                columns: table => new
                {
                    school_code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    missing = table.Column<string[]>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_boarding", x => new { x.school_code, x.year });
                });

            migrationBuilder.CreateTable(
                name: "county_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_county_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "evaluation_snapshots",
                columns: table => new
                {
                    round_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    scorecard = table.Column<string>(type: "text", nullable: false),
                    frozen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evaluation_snapshots", x => new { x.round_id, x.county_code });
                    table.ForeignKey(
                        name: "fk_evaluation_snapshots_evaluation_rounds_round_id",
                        column: x => x.round_id,
                        principalTable: "evaluation_rounds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "honours",
                columns: table => new
                {
                    teacher_id = table.Column<Guid>(type: "uuid", nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_honours", x => new { x.teacher_id, x.level });
                });

            migrationBuilder.CreateTable(
                name: "imported_results",
                columns: table => new
                {
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    monitoring_subjects = table.Column<string[]>(type: "text[]", nullable: false),
                    monitoring_levels = table.Column<int[]>(type: "integer[]", nullable: false),
                    monitoring_difference_rate = table.Column<decimal>(type: "numeric(6,4)", precision: 6, scale: 4, nullable: true),
                    monitoring_document = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    satisfaction_percent = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: true),
                    survey_respondents = table.Column<int>(type: "integer", nullable: true),
                    survey_document = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    imported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_imported_results", x => new { x.county_code, x.year });
                });

            migrationBuilder.CreateTable(
                name: "procedures",
                columns: table => new
                {
                    procedure_id = table.Column<Guid>(type: "uuid", nullable: false),
                    school_code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: false),
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    receiving_school_code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: true),
                    effective_date = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_procedures", x => x.procedure_id);
                });

            migrationBuilder.CreateTable(
                name: "subsidies",
                columns: table => new
                {
                    school_code = table.Column<string>(type: "character(10)", fixedLength: true, maxLength: 10, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    term = table.Column<int>(type: "integer", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    eligible = table.Column<int>(type: "integer", nullable: false),
                    paid_in_full = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subsidies", x => new { x.school_code, x.year, x.term });
                });

            migrationBuilder.CreateTable(
                name: "training",
                columns: table => new
                {
                    training_id = table.Column<Guid>(type: "uuid", nullable: false),
                    teacher_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    end_date = table.Column<DateOnly>(type: "date", nullable: false),
                    hours = table.Column<decimal>(type: "numeric(8,2)", precision: 8, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_training", x => x.training_id);
                });

            migrationBuilder.CreateTable(
                name: "verdicts",
                columns: table => new
                {
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    met = table.Column<bool>(type: "boolean", nullable: false),
                    document_reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    inspector = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_verdicts", x => new { x.county_code, x.year, x.code });
                });

            migrationBuilder.CreateIndex(
                name: "ix_honours_county_code",
                table: "honours",
                column: "county_code");

            migrationBuilder.CreateIndex(
                name: "ix_procedures_county_code",
                table: "procedures",
                column: "county_code");

            migrationBuilder.CreateIndex(
                name: "ix_training_county_code_end_date",
                table: "training",
                columns: new[] { "county_code", "end_date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "boarding");

            migrationBuilder.DropTable(
                name: "county_changes");

            migrationBuilder.DropTable(
                name: "evaluation_snapshots");

            migrationBuilder.DropTable(
                name: "honours");

            migrationBuilder.DropTable(
                name: "imported_results");

            migrationBuilder.DropTable(
                name: "procedures");

            migrationBuilder.DropTable(
                name: "subsidies");

            migrationBuilder.DropTable(
                name: "training");

            migrationBuilder.DropTable(
                name: "verdicts");

            migrationBuilder.DropColumn(
                name: "town_pay",
                table: "pay_references");

            migrationBuilder.DropColumn(
                name: "town_ranks",
                table: "pay_references");

            migrationBuilder.DropColumn(
                name: "special_education_required",
                table: "funding");

            migrationBuilder.DropColumn(
                name: "training_allocated",
                table: "funding");

            migrationBuilder.DropColumn(
                name: "training_required",
                table: "funding");

            migrationBuilder.DropColumn(
                name: "active_renrentong_accounts",
                table: "facilities");

            migrationBuilder.DropColumn(
                name: "broadband_mbps",
                table: "facilities");

            migrationBuilder.DropColumn(
                name: "classes_with_banbantong",
                table: "facilities");

            migrationBuilder.DropColumn(
                name: "classrooms_with_multimedia",
                table: "facilities");

            migrationBuilder.DropColumn(
                name: "ordinary_classrooms",
                table: "facilities");

            migrationBuilder.DropColumn(
                name: "grade_students",
                table: "enrolment");

            migrationBuilder.DropColumn(
                name: "grades",
                table: "enrolment");

            migrationBuilder.DropColumn(
                name: "graduates",
                table: "enrolment");

            migrationBuilder.DropColumn(
                name: "transfers_in",
                table: "enrolment");

            migrationBuilder.DropColumn(
                name: "transfers_out",
                table: "enrolment");
        }
    }
}
