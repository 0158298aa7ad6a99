using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>Which failures are the database's own (503, no retry counted down) and which are the work's.</summary>
public sealed class DatabaseOutageTests
{
    [Theory]
    [InlineData(13)] // SQLITE_FULL: the disk is full
    [InlineData(10)] // SQLITE_IOERR
    [InlineData(14)] // SQLITE_CANTOPEN
    public void ASqliteDiskOrIoFailure_EvenInsideAnEfCoreException_IsAnOutage(int code) =>
        Assert.True(DatabaseOutage.Is(new DbUpdateException("saving failed", new SqliteException("database or disk is full", code))));

    [Fact]
    public void AnUnreachableServer_IsAnOutage() =>
        Assert.True(DatabaseOutage.Is(new InvalidOperationException("open failed", new System.Net.Sockets.SocketException(111))));

    [Theory]
    [InlineData(19)] // SQLITE_CONSTRAINT: the work's fault
    [InlineData(1)]
    public void AConstraintOrSqlError_IsNot(int code) =>
        Assert.False(DatabaseOutage.Is(new DbUpdateException("saving failed", new SqliteException("constraint", code))));
}
