using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace WorkflowHub.Server.Data;

/// <summary>
/// Inserts rows of one mapped type as a plain INSERT on the context's connection and transaction, with the model's
/// table and column names and each property's own type mapping (its value converter included), so the row reads
/// back through EF as if SaveChanges had written it. For a hot path that only adds rows: SaveChanges for one row
/// (change tracking, SQL generation, reading the generated key back) was about 6 % of the server's CPU on issue
/// 15's HTTP path. Store-generated columns (an identity key) are left to the database and not read back.
/// Inside a transaction (an engine step) the INSERT is one command kept per connection, so it is prepared once per
/// connection rather than built by EF's raw-SQL pipeline and parsed by the database on every row (the engine's long-
/// lived SQLite writer made that a twelfth of the HTTP path's server CPU).
/// </summary>
public static class RowInserter<T> where T : class
{
    private sealed record Column(IProperty Property, RelationalTypeMapping Mapping);

    private sealed record Plan(string Sql, Column[] Columns);

    private static readonly ConditionalWeakTable<IModel, Plan> Plans = [];

    /// <summary>The INSERT prepared on each connection (a connection runs one step at a time).</summary>
    private static readonly ConditionalWeakTable<DbConnection, DbCommand> Commands = [];

    public static Task InsertAsync(DbContext db, T row, CancellationToken ct)
    {
        var plan = Plans.GetValue(db.Model, _ => Build(db));
        var connection = db.Database.GetDbConnection();
        if (db.Database.CurrentTransaction?.GetDbTransaction() is not { } transaction || connection.State != ConnectionState.Open)
        {
            using var factory = connection.CreateCommand();
            var parameters = new object[plan.Columns.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i] = Parameter(plan.Columns[i], factory, i, row);
            }
            return db.Database.ExecuteSqlRawAsync(plan.Sql, parameters, ct);
        }
        var command = Commands.GetValue(connection, c => Prepare(plan, c, row));
        command.Transaction = transaction;
        for (var i = 0; i < plan.Columns.Length; i++)
        {
            var column = plan.Columns[i];
            var value = column.Property.GetGetter().GetClrValueUsingContainingEntity(row);
            command.Parameters[i].Value = (value is null ? null : column.Mapping.Converter?.ConvertToProvider(value) ?? value) ?? DBNull.Value;
        }
        return command.ExecuteNonQueryAsync(ct);
    }

    private static DbCommand Prepare(Plan plan, DbConnection connection, T row)
    {
        var command = connection.CreateCommand();
        command.CommandText = plan.Sql;
        for (var i = 0; i < plan.Columns.Length; i++)
        {
            // Created from a first row so that each parameter carries its mapping's provider type (timestamptz, text).
            command.Parameters.Add(Parameter(plan.Columns[i], command, i, row));
        }
        return command;
    }

    private static DbParameter Parameter(Column column, DbCommand command, int i, T row) =>
        column.Mapping.CreateParameter(command, "p" + i, column.Property.GetGetter().GetClrValueUsingContainingEntity(row), column.Property.IsNullable);

    private static Plan Build(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entity.GetProperties()
            .Where(p => p.ValueGenerated == ValueGenerated.Never)
            .Select(p => new Column(p, (RelationalTypeMapping)p.GetTypeMapping()))
            .ToArray();
        var names = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)));
        var values = string.Join(", ", columns.Select((_, i) => sql.GenerateParameterNamePlaceholder("p" + i)));
        return new Plan($"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({names}) VALUES ({values})", columns);
    }
}
