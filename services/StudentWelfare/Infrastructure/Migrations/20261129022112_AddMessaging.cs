using System;
using EduPlatform.Messaging;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduPlatform.StudentWelfare.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class AddMessaging : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateOutboxAndInbox();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropOutboxAndInbox();
        }
    }
}
