using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace WorkflowHub.Server.Features.Tasks.Actions;

/// <summary>What holds a completion back: the task's delegation (委派), a decision already waiting, its unfinished co-signers (加签).</summary>
internal sealed record CompletionGate(DelegationState Delegation, string? Owner, bool DecisionWaits, IReadOnlyList<CompletionGate.CoSigner> CoSigners)
{
    internal readonly record struct CoSigner(CoSignPosition Position, CoSignStatus Status, string UserName);
}

/// <summary>
/// Reads a task's <see cref="CompletionGate"/> in one statement on the completion's own step: the state row and the
/// open or waiting co-signers, with the model's table and column names and each column's converter. Every completion
/// runs it while it holds SQLite's one writer, and the two EF queries it replaces (each built, parsed and prepared at
/// every call) were about a twelfth of the server's CPU on issue 15's HTTP path. The command is kept per connection, so
/// SQLite parses it once per connection (as <see cref="Data.RowInserter{T}"/> does inside a transaction).
/// </summary>
internal static class CompletionGateRead
{
    private sealed record Plan(string Sql, RelationalTypeMapping Text, ValueConverter Delegation, ValueConverter Position, ValueConverter Status, object Open, object Waiting);

    private static readonly ConditionalWeakTable<IModel, Plan> Plans = [];
    private static readonly ConditionalWeakTable<DbConnection, DbCommand> Commands = [];

    /// <summary>The gate, read on the step's connection and transaction (the completion's own step).</summary>
    public static async Task<CompletionGate> ReadAsync(DbContext db, string taskId, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The completion's gate is read inside the completion's step.");
        var plan = Plans.GetValue(db.Model, _ => Build(db));
        var command = Commands.GetValue(db.Database.GetDbConnection(), c => Prepare(plan, c));
        command.Transaction = transaction;
        command.Parameters[0].Value = taskId;
        var delegation = DelegationState.None;
        string? owner = null;
        var waits = false;
        var coSigners = new List<CompletionGate.CoSigner>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                if (reader.GetInt32(0) == 0)
                {
                    delegation = (DelegationState)plan.Delegation.ConvertFromProvider(reader.GetString(1))!;
                    owner = reader.IsDBNull(2) ? null : reader.GetString(2);
                    waits = !reader.IsDBNull(3);
                }
                else
                {
                    coSigners.Add(new((CoSignPosition)plan.Position.ConvertFromProvider(reader.GetString(1))!,
                        (CoSignStatus)plan.Status.ConvertFromProvider(reader.GetString(3))!, reader.GetString(2)));
                }
            }
        }
        return new CompletionGate(delegation, owner, waits, coSigners);
    }

    private static DbCommand Prepare(Plan plan, DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = plan.Sql;
        command.Parameters.Add(plan.Text.CreateParameter(command, "p0", "", nullable: false));
        command.Parameters.Add(plan.Text.CreateParameter(command, "p1", plan.Open, nullable: false));
        command.Parameters.Add(plan.Text.CreateParameter(command, "p2", plan.Waiting, nullable: false));
        return command;
    }

    private static Plan Build(DbContext db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var states = db.Model.FindEntityType(typeof(TaskActionState))!;
        var coSigns = db.Model.FindEntityType(typeof(TaskCoSign))!;
        var statesTable = StoreObjectIdentifier.Table(states.GetTableName()!, states.GetSchema());
        var coSignsTable = StoreObjectIdentifier.Table(coSigns.GetTableName()!, coSigns.GetSchema());
        string S(string property) => "s." + sql.DelimitIdentifier(states.FindProperty(property)!.GetColumnName(statesTable)!);
        string C(string property) => "c." + sql.DelimitIdentifier(coSigns.FindProperty(property)!.GetColumnName(coSignsTable)!);
        var (p0, p1, p2) = (sql.GenerateParameterNamePlaceholder("p0"), sql.GenerateParameterNamePlaceholder("p1"), sql.GenerateParameterNamePlaceholder("p2"));
        // The literal first column tells the rows apart; the other three line up as text on both databases.
        var text =
            $"SELECT 0, {S(nameof(TaskActionState.Delegation))}, {S(nameof(TaskActionState.Owner))}, {S(nameof(TaskActionState.PendingCompletion))} " +
            $"FROM {sql.DelimitIdentifier(statesTable.Name, statesTable.Schema)} s WHERE {S(nameof(TaskActionState.TaskId))} = {p0} " +
            $"UNION ALL SELECT 1, {C(nameof(TaskCoSign.Position))}, {C(nameof(TaskCoSign.UserName))}, {C(nameof(TaskCoSign.Status))} " +
            $"FROM {sql.DelimitIdentifier(coSignsTable.Name, coSignsTable.Schema)} c WHERE {C(nameof(TaskCoSign.TaskId))} = {p0} AND {C(nameof(TaskCoSign.Status))} IN ({p1}, {p2})";
        ValueConverter Converter(IEntityType entity, string property) => entity.FindProperty(property)!.GetTypeMapping().Converter!;
        var status = Converter(coSigns, nameof(TaskCoSign.Status));
        // The task id's mapping types all three parameters: the statuses are bound as the text they are stored as.
        var key = (RelationalTypeMapping)states.FindProperty(nameof(TaskActionState.TaskId))!.GetTypeMapping();
        return new Plan(text, key, Converter(states, nameof(TaskActionState.Delegation)),
            Converter(coSigns, nameof(TaskCoSign.Position)), status, status.ConvertToProvider(CoSignStatus.Open)!, status.ConvertToProvider(CoSignStatus.Waiting)!);
    }
}
