using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduPlatform.Inspection.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ExchangesAndAdmissions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "admitted",
                table: "enrolment",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "admitted_from_catchment",
                table: "enrolment",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "exchange_eligibility",
                columns: table => new
                {
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    eligible = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exchange_eligibility", x => new { x.county_code, x.year });
                });

            migrationBuilder.CreateTable(
                name: "exchanges",
                columns: table => new
                {
                    exchange_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_code = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    backbone = table.Column<bool>(type: "boolean", nullable: false),
                    rural_allowance = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exchanges", x => x.exchange_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_exchanges_county_code_year",
                table: "exchanges",
                columns: new[] { "county_code", "year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "exchange_eligibility");

            migrationBuilder.DropTable(
                name: "exchanges");

            migrationBuilder.DropColumn(
                name: "admitted",
                table: "enrolment");

            migrationBuilder.DropColumn(
                name: "admitted_from_catchment",
                table: "enrolment");
        }
    }
}
