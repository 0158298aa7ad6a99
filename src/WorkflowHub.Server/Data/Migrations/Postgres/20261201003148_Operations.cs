using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHub.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Operations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_wf_task_candidates_kind_value",
                table: "wf_task_candidates");

            migrationBuilder.CreateIndex(
                name: "IX_wf_tasks_created_at",
                table: "wf_tasks",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_wf_task_candidates_kind_value_task_id",
                table: "wf_task_candidates",
                columns: new[] { "kind", "value", "task_id" });

            migrationBuilder.CreateIndex(
                name: "IX_wf_jobs_lease_expires_at",
                table: "wf_jobs",
                column: "lease_expires_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_wf_tasks_created_at",
                table: "wf_tasks");

            migrationBuilder.DropIndex(
                name: "IX_wf_task_candidates_kind_value_task_id",
                table: "wf_task_candidates");

            migrationBuilder.DropIndex(
                name: "IX_wf_jobs_lease_expires_at",
                table: "wf_jobs");

            migrationBuilder.CreateIndex(
                name: "IX_wf_task_candidates_kind_value",
                table: "wf_task_candidates",
                columns: new[] { "kind", "value" });
        }
    }
}
