using System.Data.Common;

namespace WorkflowHub.Engine.Services;

/// <summary>
/// Tells a failure of the database itself (unreachable server, broken connection, full disk) from a failure of
/// the work: the first is no fault of the job or request, counts no retry down, and answers 503 until it passes.
/// </summary>
public static class DatabaseOutage
{
    // SQLite result codes: SQLITE_IOERR (10), SQLITE_CORRUPT is not one of them; SQLITE_FULL (13), SQLITE_CANTOPEN (14).
    private static readonly int[] SqliteOutageCodes = [10, 13, 14];

    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case System.Net.Sockets.SocketException or TimeoutException or System.IO.EndOfStreamException:
                    return true;
                case DbException db when db.GetType().Name == "SqliteException":
                    // The engine does not reference Microsoft.Data.Sqlite; its exception's ErrorCode is the HRESULT, the
                    // SQLite result code is SqliteErrorCode (found by the harness's full-disk scenario).
                    if (db.GetType().GetProperty("SqliteErrorCode")?.GetValue(db) is int code && SqliteOutageCodes.Contains(code & 0xFF))
                    {
                        return true;
                    }
                    break;
                // Npgsql marks a failed connection transient; 57P01-57P03 are the server shutting down or starting, 53xxx out of resources.
                case DbException db when db.SqlState is { } state && (state.StartsWith("57P", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal) || state.StartsWith("08", StringComparison.Ordinal)):
                    return true;
                case DbException { IsTransient: true, SqlState: null }:
                    return true;
            }
        }
        return false;
    }
}
