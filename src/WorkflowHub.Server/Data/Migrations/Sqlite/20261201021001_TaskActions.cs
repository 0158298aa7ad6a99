using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHub.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TaskActions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "hub_carbon_copies",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    InstanceId = table.Column<string>(type: "TEXT", nullable: false),
                    TaskId = table.Column<string>(type: "TEXT", nullable: true),
                    TaskName = table.Column<string>(type: "TEXT", nullable: true),
                    ProcessKey = table.Column<string>(type: "TEXT", nullable: false),
                    BusinessKey = table.Column<string>(type: "TEXT", nullable: true),
                    RecipientUser = table.Column<string>(type: "TEXT", nullable: true),
                    RecipientGroup = table.Column<string>(type: "TEXT", nullable: true),
                    From = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_carbon_copies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hub_task_attachments",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    TaskId = table.Column<string>(type: "TEXT", nullable: false),
                    InstanceId = table.Column<string>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_task_attachments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hub_task_comments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TaskId = table.Column<string>(type: "TEXT", nullable: false),
                    InstanceId = table.Column<string>(type: "TEXT", nullable: false),
                    ElementId = table.Column<string>(type: "TEXT", nullable: false),
                    TaskName = table.Column<string>(type: "TEXT", nullable: true),
                    ProcessKey = table.Column<string>(type: "TEXT", nullable: false),
                    BusinessKey = table.Column<string>(type: "TEXT", nullable: true),
                    Author = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_task_comments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hub_task_cosigns",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    TaskId = table.Column<string>(type: "TEXT", nullable: false),
                    InstanceId = table.Column<string>(type: "TEXT", nullable: false),
                    TaskName = table.Column<string>(type: "TEXT", nullable: true),
                    ProcessKey = table.Column<string>(type: "TEXT", nullable: false),
                    BusinessKey = table.Column<string>(type: "TEXT", nullable: true),
                    UserName = table.Column<string>(type: "TEXT", nullable: false),
                    Position = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AddedBy = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: true),
                    Opinion = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_task_cosigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hub_task_extensions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    TaskId = table.Column<string>(type: "TEXT", nullable: false),
                    InstanceId = table.Column<string>(type: "TEXT", nullable: false),
                    TaskName = table.Column<string>(type: "TEXT", nullable: true),
                    ProcessKey = table.Column<string>(type: "TEXT", nullable: false),
                    BusinessKey = table.Column<string>(type: "TEXT", nullable: true),
                    RequestedBy = table.Column<string>(type: "TEXT", nullable: false),
                    CurrentDue = table.Column<long>(type: "INTEGER", nullable: true),
                    RequestedDue = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecisionComment = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_task_extensions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hub_task_reminders",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", nullable: false),
                    RecipientIsGroup = table.Column<bool>(type: "INTEGER", nullable: false),
                    TaskId = table.Column<string>(type: "TEXT", nullable: false),
                    InstanceId = table.Column<string>(type: "TEXT", nullable: false),
                    TaskName = table.Column<string>(type: "TEXT", nullable: true),
                    From = table.Column<string>(type: "TEXT", nullable: false),
                    Message = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_task_reminders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hub_task_states",
                columns: table => new
                {
                    TaskId = table.Column<string>(type: "TEXT", nullable: false),
                    InstanceId = table.Column<string>(type: "TEXT", nullable: false),
                    Owner = table.Column<string>(type: "TEXT", nullable: true),
                    Delegation = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UrgeCount = table.Column<int>(type: "INTEGER", nullable: false),
                    LastUrgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PendingCompletion = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_task_states", x => x.TaskId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_hub_carbon_copies_RecipientGroup",
                table: "hub_carbon_copies",
                column: "RecipientGroup");

            migrationBuilder.CreateIndex(
                name: "IX_hub_carbon_copies_RecipientUser",
                table: "hub_carbon_copies",
                column: "RecipientUser");

            migrationBuilder.CreateIndex(
                name: "IX_hub_task_attachments_InstanceId",
                table: "hub_task_attachments",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_hub_task_comments_Author_CreatedAt",
                table: "hub_task_comments",
                columns: new[] { "Author", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_hub_task_comments_InstanceId",
                table: "hub_task_comments",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_hub_task_cosigns_TaskId",
                table: "hub_task_cosigns",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_hub_task_cosigns_UserName",
                table: "hub_task_cosigns",
                column: "UserName");

            migrationBuilder.CreateIndex(
                name: "IX_hub_task_extensions_Status_CreatedAt",
                table: "hub_task_extensions",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_hub_task_extensions_TaskId",
                table: "hub_task_extensions",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_hub_task_reminders_Recipient",
                table: "hub_task_reminders",
                column: "Recipient");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "hub_carbon_copies");

            migrationBuilder.DropTable(
                name: "hub_task_attachments");

            migrationBuilder.DropTable(
                name: "hub_task_comments");

            migrationBuilder.DropTable(
                name: "hub_task_cosigns");

            migrationBuilder.DropTable(
                name: "hub_task_extensions");

            migrationBuilder.DropTable(
                name: "hub_task_reminders");

            migrationBuilder.DropTable(
                name: "hub_task_states");
        }
    }
}
