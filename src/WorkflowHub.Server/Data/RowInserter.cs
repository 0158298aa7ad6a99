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
/// </summary>
public static class RowInserter<T> where T : class
{
    private sealed record Column(IProperty Property, RelationalTypeMapping Mapping);

    private sealed record Plan(string Sql, Column[] Columns);

    private static readonly ConditionalWeakTable<IModel, Plan> Plans = [];

    public static Task InsertAsync(DbContext db, T row, CancellationToken ct)
    {
        var plan = Plans.GetValue(db.Model, _ => Build(db));
        using var factory = db.Database.GetDbConnection().CreateCommand();
        var parameters = new object[plan.Columns.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var column = plan.Columns[i];
            parameters[i] = column.Mapping.CreateParameter(factory, "p" + i, column.Property.GetGetter().GetClrValueUsingContainingEntity(row), column.Property.IsNullable);
        }
        return db.Database.ExecuteSqlRawAsync(plan.Sql, parameters, ct);
    }

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
