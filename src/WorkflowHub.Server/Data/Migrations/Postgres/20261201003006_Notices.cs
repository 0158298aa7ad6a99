using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHub.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Notices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "hub_group_robots",
                columns: table => new
                {
                    GroupId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ProtectedUrl = table.Column<string>(type: "text", nullable: false),
                    ProtectedSecret = table.Column<string>(type: "text", nullable: true),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_group_robots", x => x.GroupId);
                    table.ForeignKey(
                        name: "FK_hub_group_robots_hub_groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "hub_groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "hub_notice_outbox",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Recipient = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    RecipientName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    IsCc = table.Column<bool>(type: "boolean", nullable: false),
                    TemplateKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TemplateVersion = table.Column<int>(type: "integer", nullable: false),
                    Subject = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Html = table.Column<string>(type: "text", nullable: true),
                    Text = table.Column<string>(type: "text", nullable: false),
                    InstanceId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ProcessKey = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    ElementId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    TokenId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    BusinessKey = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "bigint", nullable: false),
                    LeasedUntil = table.Column<long>(type: "bigint", nullable: true),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    SentAt = table.Column<long>(type: "bigint", nullable: true),
                    IncidentId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_notice_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hub_notice_sequences",
                columns: table => new
                {
                    Prefix = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_notice_sequences", x => new { x.Prefix, x.Year });
                });

            migrationBuilder.CreateTable(
                name: "hub_notice_templates",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Subject = table.Column<string>(type: "text", nullable: false),
                    Html = table.Column<string>(type: "text", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    Sample = table.Column<string>(type: "text", nullable: false),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    FileHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_notice_templates", x => new { x.Key, x.Version });
                });

            migrationBuilder.CreateIndex(
                name: "IX_hub_notice_outbox_CreatedAt",
                table: "hub_notice_outbox",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_hub_notice_outbox_InstanceId",
                table: "hub_notice_outbox",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_hub_notice_outbox_Status_NextAttemptAt",
                table: "hub_notice_outbox",
                columns: new[] { "Status", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "hub_group_robots");

            migrationBuilder.DropTable(
                name: "hub_notice_outbox");

            migrationBuilder.DropTable(
                name: "hub_notice_sequences");

            migrationBuilder.DropTable(
                name: "hub_notice_templates");
        }
    }
}
