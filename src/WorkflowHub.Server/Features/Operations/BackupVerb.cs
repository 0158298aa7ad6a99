using Microsoft.Data.Sqlite;
using WorkflowHub.Server.Cli;
using WorkflowHub.Server.Data;
using WorkflowHub.Server.Hosting;

namespace WorkflowHub.Server.Features.Operations;

/// <summary>
/// <c>backup FILE</c>: a consistent copy of the SQLite database, taken with SQLite's online backup while the server
/// runs (readers and the writer go on; the copy is one snapshot). PostgreSQL is backed up with pg_dump (README).
/// </summary>
internal sealed class BackupVerb(HubDatabase database, HubConsole console) : ICliVerb
{
    public string Name => "backup";

    public string Arguments => "FILE";

    public string Description => "Copies the SQLite database to FILE while the server runs (PostgreSQL: use pg_dump).";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args.Count != 1 || string.IsNullOrWhiteSpace(args[0]))
        {
            await console.Error.WriteLineAsync("backup needs one FILE: the copy to write (it must not exist yet). 备份需要一个目标文件。");
            return HubCli.UsageExitCode;
        }
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            await console.Error.WriteLineAsync("backup copies SQLite databases; back PostgreSQL up with pg_dump (see README, Backup and restore). PostgreSQL 请使用 pg_dump 备份。");
            return HubCli.UsageExitCode;
        }
        var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        if (!File.Exists(file))
        {
            await console.Error.WriteLineAsync($"There is no database at {file}. 数据库文件不存在。");
            return 1;
        }
        var target = Path.GetFullPath(args[0]);
        if (File.Exists(target))
        {
            await console.Error.WriteLineAsync($"{target} exists; backup does not overwrite a file. 目标文件已存在。");
            return HubCli.UsageExitCode;
        }
        var folder = Path.GetDirectoryName(target);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        await using (var source = new SqliteConnection(new SqliteConnectionStringBuilder(database.ConnectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString()))
        await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString()))
        {
            await source.OpenAsync(ct);
            await copy.OpenAsync(ct);
            // One backup step over every page under a read lock: the copy is a single consistent snapshot.
            source.BackupDatabase(copy);
            await using var check = copy.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            var result = (string?)await check.ExecuteScalarAsync(ct);
            if (result != "ok")
            {
                await console.Error.WriteLineAsync($"The copy failed its integrity check: {result}");
                return 1;
            }
        }
        await console.Out.WriteLineAsync($"Backed up {database.Describe()} to {target} ({new FileInfo(target).Length} bytes).");
        return 0;
    }
}
