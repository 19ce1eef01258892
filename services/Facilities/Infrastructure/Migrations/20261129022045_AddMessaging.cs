using System;
using EduPlatform.Messaging;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduPlatform.Facilities.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class AddMessaging : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "counties",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateOutboxAndInbox();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropOutboxAndInbox();

            migrationBuilder.DropColumn(
                name: "version",
                table: "counties");
        }
    }
}
