using EduPlatform.Messaging;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduPlatform.Inspection.Infrastructure.Migrations
{
    /// <summary>
    /// Who made each write: the outbox's actor column and the audit log (issue 10); and, in the
    /// consumed-event log, who submitted each figure and its county.
    /// </summary>
    public partial class ActorAndAuditLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddActorAndAuditLog();

            migrationBuilder.AddColumn<string>(
                name: "actor",
                table: "consumed_events",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "county_code",
                table: "consumed_events",
                type: "character varying(6)",
                maxLength: 6,
                nullable: true);

            // Events consumed before this migration name their county in their body.
            migrationBuilder.Sql("UPDATE consumed_events SET county_code = body::jsonb ->> 'countyCode' WHERE body::jsonb ? 'countyCode'");

            migrationBuilder.CreateIndex(
                name: "ix_consumed_events_county_code_id",
                table: "consumed_events",
                columns: new[] { "county_code", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_consumed_events_county_code_id",
                table: "consumed_events");

            migrationBuilder.DropColumn(
                name: "actor",
                table: "consumed_events");

            migrationBuilder.DropColumn(
                name: "county_code",
                table: "consumed_events");

            migrationBuilder.DropActorAndAuditLog();
        }
    }
}
