using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHub.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hub_groups",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_groups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hub_idempotency_records",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WebhookKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ResponseBody = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_idempotency_records", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hub_webhook_deliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WebhookKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    InstanceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    BusinessKey = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Replayed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_webhook_deliveries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hub_webhooks",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MessageName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProtectedSecret = table.Column<string>(type: "TEXT", nullable: false),
                    VariablesExpression = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    BusinessKeyVariable = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_webhooks", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "wf_definitions",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: true),
                    content_hash = table.Column<string>(type: "TEXT", nullable: false),
                    xml = table.Column<string>(type: "TEXT", nullable: false),
                    resource_name = table.Column<string>(type: "TEXT", nullable: false),
                    deployment_id = table.Column<string>(type: "TEXT", nullable: false),
                    deployed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    deployed_by = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_wf_definitions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "wf_history",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    instance_id = table.Column<string>(type: "TEXT", nullable: false),
                    process_key = table.Column<string>(type: "TEXT", nullable: false),
                    timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    type = table.Column<string>(type: "TEXT", nullable: false),
                    element_id = table.Column<string>(type: "TEXT", nullable: true),
                    element_type = table.Column<string>(type: "TEXT", nullable: true),
                    token_id = table.Column<string>(type: "TEXT", nullable: true),
                    task_id = table.Column<string>(type: "TEXT", nullable: true),
                    actor = table.Column<string>(type: "TEXT", nullable: true),
                    data = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_wf_history", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "wf_incidents",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    instance_id = table.Column<string>(type: "TEXT", nullable: false),
                    token_id = table.Column<string>(type: "TEXT", nullable: false),
                    element_id = table.Column<string>(type: "TEXT", nullable: false),
                    process_key = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    message = table.Column<string>(type: "TEXT", nullable: false),
                    job_id = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    resolved_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_wf_incidents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "wf_instances",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    definition_id = table.Column<string>(type: "TEXT", nullable: false),
                    process_key = table.Column<string>(type: "TEXT", nullable: false),
                    process_version = table.Column<int>(type: "INTEGER", nullable: false),
                    business_key = table.Column<string>(type: "TEXT", nullable: true),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", nullable: false),
                    revision = table.Column<int>(type: "INTEGER", nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    ended_at = table.Column<long>(type: "INTEGER", nullable: true),
                    started_by = table.Column<string>(type: "TEXT", nullable: true),
                    super_instance_id = table.Column<string>(type: "TEXT", nullable: true),
                    super_token_id = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_wf_instances", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "wf_jobs",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    instance_id = table.Column<string>(type: "TEXT", nullable: true),
                    token_id = table.Column<string>(type: "TEXT", nullable: true),
                    element_id = table.Column<string>(type: "TEXT", nullable: false),
                    definition_id = table.Column<string>(type: "TEXT", nullable: true),
                    due_at = table.Column<long>(type: "INTEGER", nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: true),
                    retries_left = table.Column<int>(type: "INTEGER", nullable: false),
                    lease_owner = table.Column<string>(type: "TEXT", nullable: true),
                    lease_expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    last_error = table.Column<string>(type: "TEXT", nullable: true),
                    suspended = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_wf_jobs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "wf_subscriptions",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    message_name = table.Column<string>(type: "TEXT", nullable: false),
                    instance_id = table.Column<string>(type: "TEXT", nullable: true),
                    business_key = table.Column<string>(type: "TEXT", nullable: true),
                    token_id = table.Column<string>(type: "TEXT", nullable: true),
                    element_id = table.Column<string>(type: "TEXT", nullable: false),
                    definition_id = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_wf_subscriptions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "wf_task_candidates",
                columns: table => new
                {
                    task_id = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_wf_task_candidates", x => new { x.task_id, x.kind, x.value });
                });

            migrationBuilder.CreateTable(
                name: "wf_tasks",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    instance_id = table.Column<string>(type: "TEXT", nullable: false),
                    token_id = table.Column<string>(type: "TEXT", nullable: false),
                    element_id = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: true),
                    process_key = table.Column<string>(type: "TEXT", nullable: false),
                    business_key = table.Column<string>(type: "TEXT", nullable: true),
                    assignee = table.Column<string>(type: "TEXT", nullable: true),
                    candidate_users = table.Column<string>(type: "TEXT", nullable: true),
                    candidate_groups = table.Column<string>(type: "TEXT", nullable: true),
                    due_date = table.Column<long>(type: "INTEGER", nullable: true),
                    follow_up_date = table.Column<long>(type: "INTEGER", nullable: true),
                    priority = table.Column<int>(type: "INTEGER", nullable: false),
                    form_key = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    claimed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    claimed_by = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_wf_tasks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    RoleId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "hub_group_members",
                columns: table => new
                {
                    GroupId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_group_members", x => new { x.GroupId, x.UserId });
                    table.ForeignKey(
                        name: "FK_hub_group_members_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_hub_group_members_hub_groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "hub_groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_hub_group_members_UserId",
                table: "hub_group_members",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_hub_idempotency_records_WebhookKey_IdempotencyKey",
                table: "hub_idempotency_records",
                columns: new[] { "WebhookKey", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_hub_webhook_deliveries_WebhookKey_ReceivedAt",
                table: "hub_webhook_deliveries",
                columns: new[] { "WebhookKey", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_wf_definitions_key_version",
                table: "wf_definitions",
                columns: new[] { "key", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_wf_history_instance_id_id",
                table: "wf_history",
                columns: new[] { "instance_id", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_wf_history_timestamp",
                table: "wf_history",
                column: "timestamp");

            migrationBuilder.CreateIndex(
                name: "IX_wf_incidents_instance_id",
                table: "wf_incidents",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "IX_wf_incidents_resolved_at",
                table: "wf_incidents",
                column: "resolved_at");

            migrationBuilder.CreateIndex(
                name: "IX_wf_instances_business_key",
                table: "wf_instances",
                column: "business_key",
                filter: "business_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_wf_instances_process_key_status",
                table: "wf_instances",
                columns: new[] { "process_key", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_wf_instances_started_at",
                table: "wf_instances",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "IX_wf_instances_super_instance_id",
                table: "wf_instances",
                column: "super_instance_id",
                filter: "super_instance_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_wf_jobs_instance_id",
                table: "wf_jobs",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "IX_wf_jobs_suspended_due_at",
                table: "wf_jobs",
                columns: new[] { "suspended", "due_at" });

            migrationBuilder.CreateIndex(
                name: "IX_wf_subscriptions_instance_id",
                table: "wf_subscriptions",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "IX_wf_subscriptions_message_name_business_key",
                table: "wf_subscriptions",
                columns: new[] { "message_name", "business_key" });

            migrationBuilder.CreateIndex(
                name: "IX_wf_task_candidates_kind_value",
                table: "wf_task_candidates",
                columns: new[] { "kind", "value" });

            migrationBuilder.CreateIndex(
                name: "IX_wf_tasks_assignee",
                table: "wf_tasks",
                column: "assignee",
                filter: "assignee IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_wf_tasks_business_key",
                table: "wf_tasks",
                column: "business_key",
                filter: "business_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_wf_tasks_due_date",
                table: "wf_tasks",
                column: "due_date",
                filter: "due_date IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_wf_tasks_instance_id",
                table: "wf_tasks",
                column: "instance_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "hub_group_members");

            migrationBuilder.DropTable(
                name: "hub_idempotency_records");

            migrationBuilder.DropTable(
                name: "hub_webhook_deliveries");

            migrationBuilder.DropTable(
                name: "hub_webhooks");

            migrationBuilder.DropTable(
                name: "wf_definitions");

            migrationBuilder.DropTable(
                name: "wf_history");

            migrationBuilder.DropTable(
                name: "wf_incidents");

            migrationBuilder.DropTable(
                name: "wf_instances");

            migrationBuilder.DropTable(
                name: "wf_jobs");

            migrationBuilder.DropTable(
                name: "wf_subscriptions");

            migrationBuilder.DropTable(
                name: "wf_task_candidates");

            migrationBuilder.DropTable(
                name: "wf_tasks");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "hub_groups");
        }
    }
}
