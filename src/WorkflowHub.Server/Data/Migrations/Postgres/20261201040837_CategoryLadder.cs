using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHub.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CategoryLadder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "HeadReportAfterWorkdays",
                table: "hub_problem_categories",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PartyGroupAfterWorkdays",
                table: "hub_problem_categories",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "ReminderBeforeHours",
                table: "hub_problem_categories",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SupervisionAfterWorkdays",
                table: "hub_problem_categories",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DuplicateCandidates",
                table: "hub_cases",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MergedInto",
                table: "hub_cases",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HeadReportAfterWorkdays",
                table: "hub_problem_categories");

            migrationBuilder.DropColumn(
                name: "PartyGroupAfterWorkdays",
                table: "hub_problem_categories");

            migrationBuilder.DropColumn(
                name: "ReminderBeforeHours",
                table: "hub_problem_categories");

            migrationBuilder.DropColumn(
                name: "SupervisionAfterWorkdays",
                table: "hub_problem_categories");

            migrationBuilder.DropColumn(
                name: "DuplicateCandidates",
                table: "hub_cases");

            migrationBuilder.DropColumn(
                name: "MergedInto",
                table: "hub_cases");
        }
    }
}
