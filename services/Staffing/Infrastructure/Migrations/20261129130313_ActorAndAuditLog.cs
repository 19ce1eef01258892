using EduPlatform.Messaging;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduPlatform.Staffing.Infrastructure.Migrations
{
    /// <summary>Who made each write: the outbox's actor column and the audit log (issue 10).</summary>
    public partial class ActorAndAuditLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.AddActorAndAuditLog();

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropActorAndAuditLog();
    }
}
