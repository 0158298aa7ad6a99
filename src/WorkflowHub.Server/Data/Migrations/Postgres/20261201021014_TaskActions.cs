using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace WorkflowHub.Server.Data.Migrations.Postgres
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
                    Id = table.Column<string>(type: "text", nullable: false),
                    InstanceId = table.Column<string>(type: "text", nullable: false),
                    TaskId = table.Column<string>(type: "text", nullable: true),
                    TaskName = table.Column<string>(type: "text", nullable: true),
                    ProcessKey = table.Column<string>(type: "text", nullable: false),
                    BusinessKey = table.Column<string>(type: "text", nullable: true),
                    RecipientUser = table.Column<string>(type: "text", nullable: true),
                    RecipientGroup = table.Column<string>(type: "text", nullable: true),
                    From = table.Column<string>(type: "text", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_carbon_copies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hub_task_attachments",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    TaskId = table.Column<string>(type: "text", nullable: false),
                    InstanceId = table.Column<string>(type: "text", nullable: false),
                    FileName = table.Column<string>(type: "text", nullable: false),
                    ContentType = table.Column<string>(type: "text", nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    UploadedBy = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_task_attachments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hub_task_comments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TaskId = table.Column<string>(type: "text", nullable: false),
                    InstanceId = table.Column<string>(type: "text", nullable: false),
                    ElementId = table.Column<string>(type: "text", nullable: false),
                    TaskName = table.Column<string>(type: "text", nullable: true),
                    ProcessKey = table.Column<string>(type: "text", nullable: false),
                    BusinessKey = table.Column<string>(type: "text", nullable: true),
                    Author = table.Column<string>(type: "text", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Message = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_task_comments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hub_task_cosigns",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    TaskId = table.Column<string>(type: "text", nullable: false),
                    InstanceId = table.Column<string>(type: "text", nullable: false),
                    TaskName = table.Column<string>(type: "text", nullable: true),
                    ProcessKey = table.Column<string>(type: "text", nullable: false),
                    BusinessKey = table.Column<string>(type: "text", nullable: true),
                    UserName = table.Column<string>(type: "text", nullable: false),
                    Position = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AddedBy = table.Column<string>(type: "text", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: true),
                    Opinion = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    FinishedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_task_cosigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hub_task_extensions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    TaskId = table.Column<string>(type: "text", nullable: false),
                    InstanceId = table.Column<string>(type: "text", nullable: false),
                    TaskName = table.Column<string>(type: "text", nullable: true),
                    ProcessKey = table.Column<string>(type: "text", nullable: false),
                    BusinessKey = table.Column<string>(type: "text", nullable: true),
                    RequestedBy = table.Column<string>(type: "text", nullable: false),
                    CurrentDue = table.Column<long>(type: "bigint", nullable: true),
                    RequestedDue = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DecidedBy = table.Column<string>(type: "text", nullable: true),
                    DecidedAt = table.Column<long>(type: "bigint", nullable: true),
                    DecisionComment = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_task_extensions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hub_task_reminders",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Recipient = table.Column<string>(type: "text", nullable: false),
                    RecipientIsGroup = table.Column<bool>(type: "boolean", nullable: false),
                    TaskId = table.Column<string>(type: "text", nullable: false),
                    InstanceId = table.Column<string>(type: "text", nullable: false),
                    TaskName = table.Column<string>(type: "text", nullable: true),
                    From = table.Column<string>(type: "text", nullable: false),
                    Message = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_task_reminders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hub_task_states",
                columns: table => new
                {
                    TaskId = table.Column<string>(type: "text", nullable: false),
                    InstanceId = table.Column<string>(type: "text", nullable: false),
                    Owner = table.Column<string>(type: "text", nullable: true),
                    Delegation = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    UrgeCount = table.Column<int>(type: "integer", nullable: false),
                    LastUrgedAt = table.Column<long>(type: "bigint", nullable: true),
                    PendingCompletion = table.Column<string>(type: "text", nullable: true)
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
