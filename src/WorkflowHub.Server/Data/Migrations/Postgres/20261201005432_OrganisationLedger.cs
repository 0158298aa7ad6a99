using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace WorkflowHub.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OrganisationLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "HeadUserId",
                table: "hub_groups",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "hub_areas",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ParentCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    AreaGroupId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    GridLeaderUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_areas", x => x.Code);
                    table.ForeignKey(
                        name: "FK_hub_areas_hub_areas_ParentCode",
                        column: x => x.ParentCode,
                        principalTable: "hub_areas",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_hub_areas_hub_groups_AreaGroupId",
                        column: x => x.AreaGroupId,
                        principalTable: "hub_groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "hub_calendar_years",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_calendar_years", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "hub_case_counters",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Last = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_case_counters", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "hub_cases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ExternalRef = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReporterName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReporterContact = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    AreaCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    StreetCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    CategoryCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Urgency = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    AreaGroupId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SectorGroupId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Assignee = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DueAt = table.Column<long>(type: "bigint", nullable: true),
                    EscalationLevel = table.Column<int>(type: "integer", nullable: false),
                    SupervisionOrders = table.Column<int>(type: "integer", nullable: false),
                    Verifications = table.Column<int>(type: "integer", nullable: false),
                    LastVerificationPassed = table.Column<bool>(type: "boolean", nullable: true),
                    LastVerificationNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ReworkCount = table.Column<int>(type: "integer", nullable: false),
                    ReboundCount = table.Column<int>(type: "integer", nullable: false),
                    LookbackAt = table.Column<long>(type: "bigint", nullable: true),
                    ForwardedToUnitId = table.Column<long>(type: "bigint", nullable: true),
                    ProcessInstanceId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ReportedAt = table.Column<long>(type: "bigint", nullable: false),
                    RegisteredAt = table.Column<long>(type: "bigint", nullable: true),
                    ClosedAt = table.Column<long>(type: "bigint", nullable: true),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hub_problem_categories",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ParentCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FilingStandard = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ClosingStandard = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    SectorGroupId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    UrgentAmount = table.Column<double>(type: "double precision", nullable: false),
                    UrgentClock = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    NormalAmount = table.Column<double>(type: "double precision", nullable: false),
                    NormalClock = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ComplexAmount = table.Column<double>(type: "double precision", nullable: false),
                    ComplexClock = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PhotoBeforeRequired = table.Column<bool>(type: "boolean", nullable: false),
                    PhotoAfterRequired = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_problem_categories", x => x.Code);
                    table.ForeignKey(
                        name: "FK_hub_problem_categories_hub_problem_categories_ParentCode",
                        column: x => x.ParentCode,
                        principalTable: "hub_problem_categories",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "hub_routing_rules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    CategoryCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    AreaCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    AreaGroupId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SectorGroupId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_routing_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hub_seed_runs",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_seed_runs", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "hub_area_members",
                columns: table => new
                {
                    AreaCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_area_members", x => new { x.AreaCode, x.UserId });
                    table.ForeignKey(
                        name: "FK_hub_area_members_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_hub_area_members_hub_areas_AreaCode",
                        column: x => x.AreaCode,
                        principalTable: "hub_areas",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "hub_dual_report_units",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StreetCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Remit = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Contact = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Phone = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_dual_report_units", x => x.Id);
                    table.ForeignKey(
                        name: "FK_hub_dual_report_units_hub_areas_StreetCode",
                        column: x => x.StreetCode,
                        principalTable: "hub_areas",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "hub_leader_links",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LeaderUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Target = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AreaCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_leader_links", x => x.Id);
                    table.ForeignKey(
                        name: "FK_hub_leader_links_AspNetUsers_LeaderUserId",
                        column: x => x.LeaderUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_hub_leader_links_hub_areas_AreaCode",
                        column: x => x.AreaCode,
                        principalTable: "hub_areas",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "hub_calendar_days",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_calendar_days", x => x.Date);
                    table.ForeignKey(
                        name: "FK_hub_calendar_days_hub_calendar_years_Year",
                        column: x => x.Year,
                        principalTable: "hub_calendar_years",
                        principalColumn: "Year",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "hub_case_photos",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    Stage = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    StoragePath = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UploadedAt = table.Column<long>(type: "bigint", nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_case_photos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_hub_case_photos_hub_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "hub_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "hub_case_timeline",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    Actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    FromStatus = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    ToStatus = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ProcessInstanceId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ElementId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hub_case_timeline", x => x.Id);
                    table.ForeignKey(
                        name: "FK_hub_case_timeline_hub_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "hub_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_hub_area_members_UserId",
                table: "hub_area_members",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_hub_areas_AreaGroupId",
                table: "hub_areas",
                column: "AreaGroupId");

            migrationBuilder.CreateIndex(
                name: "IX_hub_areas_ParentCode",
                table: "hub_areas",
                column: "ParentCode");

            migrationBuilder.CreateIndex(
                name: "IX_hub_calendar_days_Year",
                table: "hub_calendar_days",
                column: "Year");

            migrationBuilder.CreateIndex(
                name: "IX_hub_case_photos_CaseId",
                table: "hub_case_photos",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_hub_case_timeline_CaseId",
                table: "hub_case_timeline",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_hub_cases_AreaGroupId_ReportedAt",
                table: "hub_cases",
                columns: new[] { "AreaGroupId", "ReportedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_hub_cases_Number",
                table: "hub_cases",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_hub_cases_ProcessInstanceId",
                table: "hub_cases",
                column: "ProcessInstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_hub_cases_ReportedAt",
                table: "hub_cases",
                column: "ReportedAt");

            migrationBuilder.CreateIndex(
                name: "IX_hub_cases_SectorGroupId_ReportedAt",
                table: "hub_cases",
                columns: new[] { "SectorGroupId", "ReportedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_hub_cases_Status_DueAt",
                table: "hub_cases",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_hub_dual_report_units_StreetCode",
                table: "hub_dual_report_units",
                column: "StreetCode");

            migrationBuilder.CreateIndex(
                name: "IX_hub_leader_links_AreaCode",
                table: "hub_leader_links",
                column: "AreaCode");

            migrationBuilder.CreateIndex(
                name: "IX_hub_leader_links_LeaderUserId",
                table: "hub_leader_links",
                column: "LeaderUserId");

            migrationBuilder.CreateIndex(
                name: "IX_hub_problem_categories_ParentCode",
                table: "hub_problem_categories",
                column: "ParentCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "hub_area_members");

            migrationBuilder.DropTable(
                name: "hub_calendar_days");

            migrationBuilder.DropTable(
                name: "hub_case_counters");

            migrationBuilder.DropTable(
                name: "hub_case_photos");

            migrationBuilder.DropTable(
                name: "hub_case_timeline");

            migrationBuilder.DropTable(
                name: "hub_dual_report_units");

            migrationBuilder.DropTable(
                name: "hub_leader_links");

            migrationBuilder.DropTable(
                name: "hub_problem_categories");

            migrationBuilder.DropTable(
                name: "hub_routing_rules");

            migrationBuilder.DropTable(
                name: "hub_seed_runs");

            migrationBuilder.DropTable(
                name: "hub_calendar_years");

            migrationBuilder.DropTable(
                name: "hub_cases");

            migrationBuilder.DropTable(
                name: "hub_areas");

            migrationBuilder.DropColumn(
                name: "HeadUserId",
                table: "hub_groups");
        }
    }
}
