using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHub.Server.Data.Migrations.Postgres
{
    /// <summary>
    /// History becomes one row per step and instance: the events of the step as a JSON array. Each existing event
    /// becomes a row of one event; going down keeps the first event of each row.
    /// </summary>
    public partial class HistoryPerStep : Migration
    {
        private static readonly string[] EventColumns = ["data", "element_id", "element_type", "task_id", "token_id"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "event_count",
                table: "wf_history",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.Sql("UPDATE wf_history SET type = json_build_array(json_build_object('type', type, 'elementId', element_id, 'elementType', element_type, " +
                "'tokenId', token_id, 'taskId', task_id, 'data', data::json))::text");

            foreach (var column in EventColumns)
            {
                migrationBuilder.DropColumn(name: column, table: "wf_history");
            }

            migrationBuilder.RenameColumn(
                name: "type",
                table: "wf_history",
                newName: "events");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var column in EventColumns)
            {
                migrationBuilder.AddColumn<string>(name: column, table: "wf_history", type: "text", nullable: true);
            }

            migrationBuilder.Sql("UPDATE wf_history SET element_id = events::json -> 0 ->> 'elementId', element_type = events::json -> 0 ->> 'elementType', " +
                "token_id = events::json -> 0 ->> 'tokenId', task_id = events::json -> 0 ->> 'taskId', data = (events::json -> 0 -> 'data')::text, " +
                "events = events::json -> 0 ->> 'type'");

            migrationBuilder.DropColumn(
                name: "event_count",
                table: "wf_history");

            migrationBuilder.RenameColumn(
                name: "events",
                table: "wf_history",
                newName: "type");
        }
    }
}
