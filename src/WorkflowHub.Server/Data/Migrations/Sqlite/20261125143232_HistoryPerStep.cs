using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowHub.Server.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.Sql("UPDATE wf_history SET type = json_array(json_object('type', type, 'elementId', element_id, 'elementType', element_type, " +
                "'tokenId', token_id, 'taskId', task_id, 'data', json(data)))");

            // SQLite's own DROP COLUMN (3.35+) runs inside the migration's transaction; EF's DropColumn would rebuild
            // the table under PRAGMA foreign_keys = 0, outside any transaction (and warn so on every fresh database).
            foreach (var column in EventColumns)
            {
                migrationBuilder.Sql($"ALTER TABLE wf_history DROP COLUMN {column};");
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
                migrationBuilder.AddColumn<string>(name: column, table: "wf_history", type: "TEXT", nullable: true);
            }

            migrationBuilder.Sql("UPDATE wf_history SET element_id = events ->> '$[0].elementId', element_type = events ->> '$[0].elementType', " +
                "token_id = events ->> '$[0].tokenId', task_id = events ->> '$[0].taskId', data = events -> '$[0].data', " +
                "events = events ->> '$[0].type'");

            migrationBuilder.Sql("ALTER TABLE wf_history DROP COLUMN event_count;");

            migrationBuilder.RenameColumn(
                name: "events",
                table: "wf_history",
                newName: "type");
        }
    }
}
