using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EduPlatform.Inspection.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class TrainingHundredths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_training_county_code_end_date",
                table: "training");

            migrationBuilder.AddColumn<int>(
                name: "hundredths",
                table: "training",
                type: "integer",
                nullable: false,
                computedColumnSql: "(hours * 100)::int4",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_training_county_code_teacher_id_end_date",
                table: "training",
                columns: new[] { "county_code", "teacher_id", "end_date" })
                .Annotation("Npgsql:IndexInclude", new[] { "hundredths" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_training_county_code_teacher_id_end_date",
                table: "training");

            migrationBuilder.DropColumn(
                name: "hundredths",
                table: "training");

            migrationBuilder.CreateIndex(
                name: "ix_training_county_code_end_date",
                table: "training",
                columns: new[] { "county_code", "end_date" });
        }
    }
}
