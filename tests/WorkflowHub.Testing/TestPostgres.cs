using Xunit;

namespace WorkflowHub.Testing;

/// <summary>
/// Gate for tests that need PostgreSQL. Without <see cref="EnvironmentVariable"/> such a test is skipped on a
/// developer's machine, but fails under CI=true: a CI run that silently skipped them would prove nothing.
/// </summary>
public static class TestPostgres
{
    public const string EnvironmentVariable = "WORKFLOWHUB_TEST_POSTGRES";

    public static bool IsConfigured => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EnvironmentVariable));

    public static bool IsCi => Environment.GetEnvironmentVariable("CI") is { } ci
        && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    /// <summary>
    /// The server's admin connection string; otherwise skips the calling test (it must be a SkippableFact or
    /// SkippableTheory), or fails it under CI.
    /// </summary>
    public static string RequireConnectionString()
    {
        var connectionString = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        if (IsCi)
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set, but CI=true requires the PostgreSQL tests to run. " +
                ".ci/run starts PostgreSQL 15 and sets it; check its output above.");
        }

        throw new SkipException(
            $"PostgreSQL test skipped: set {EnvironmentVariable} " +
            "(e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=postgres) or run .ci/run.");
    }
}
