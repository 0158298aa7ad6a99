namespace WorkflowHub.Engine.Runtime;

/// <summary>
/// SQLite admits one writer at a time, and a blocked writer in Microsoft.Data.Sqlite sleeps before it retries,
/// so concurrent steps on one file stall and can starve the job executor. Steps on SQLite therefore queue here,
/// first come first served, in this process; PostgreSQL steps pass straight through.
/// </summary>
internal sealed class SqliteWriteGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    private static bool Applies(string? providerName) =>
        providerName?.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) == true;

    public async ValueTask<Release> EnterAsync(string? providerName, CancellationToken ct)
    {
        if (!Applies(providerName))
        {
            return default;
        }
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        return new Release(_gate);
    }

    public readonly struct Release(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
