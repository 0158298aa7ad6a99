using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHub.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ExternalTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "wf_external_tasks",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    topic = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    instance_id = table.Column<string>(type: "TEXT", nullable: false),
                    token_id = table.Column<string>(type: "TEXT", nullable: false),
                    element_id = table.Column<string>(type: "TEXT", nullable: false),
                    definition_id = table.Column<string>(type: "TEXT", nullable: false),
                    process_key = table.Column<string>(type: "TEXT", nullable: false),
                    business_key = table.Column<string>(type: "TEXT", nullable: true),
                    priority = table.Column<long>(type: "INTEGER", nullable: false),
                    retries = table.Column<int>(type: "INTEGER", nullable: true),
                    worker_id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    lock_expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    error_message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    error_details = table.Column<string>(type: "TEXT", nullable: true),
                    variables = table.Column<string>(type: "TEXT", nullable: false),
                    local_variables = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_wf_external_tasks", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_wf_external_tasks_instance_id",
                table: "wf_external_tasks",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "IX_wf_external_tasks_topic_priority",
                table: "wf_external_tasks",
                columns: new[] { "topic", "priority" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "wf_external_tasks");
        }
    }
}
