using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduPlatform.Inspection.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class AuditChangedCounty : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "changed_county",
                table: "audit_log",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_changed_county_at",
                table: "audit_log",
                columns: new[] { "changed_county", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_audit_log_changed_county_at",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "changed_county",
                table: "audit_log");
        }
    }
}
