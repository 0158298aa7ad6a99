using WorkflowHub.Engine.Tests.Support;
using WorkflowHub.Testing;
using Xunit.Abstractions;

namespace WorkflowHub.Engine.Tests.Conformance;

/// <summary>
/// How many Camunda-style diagrams that need no Java and no script language but JavaScript deploy. Issue 13 asks for
/// 90 %; measured here: 93.7 % (281 of 300) since conditional start events of the process run (93.3 % with event
/// sub-processes and compensation, 83.3 % before). What stays refused: transactions and cancel events, signal targets of
/// event-based gateways, listeners on the process, and modeler fixtures Camunda refuses too. The test asserts the
/// measured rate, above issue 13's 90 % target.
/// The corpus is a curated sample of public Camunda 7 diagrams (engine test resources, examples, modeler fixtures;
/// Apache-2.0 and MIT) kept in Conformance/camunda/ with their projects' LICENSE and NOTICE files;
/// camunda-corpus-sources.tsv lists each file's repository, commit, path, licence and hash, and a test checks the
/// hashes. WORKFLOWHUB_CAMUNDA_CORPUS points the test at another folder of the same files.
/// </summary>
public sealed class CamundaCorpusTests(ITestOutputHelper output)
{
    /// <summary>The floor the test asserts: the measured 281 of 300; raise it as elements become executable.</summary>
    private const double MeasuredRate = 281.0 / 300;

    /// <summary>Issue 13's target, asserted through <see cref="MeasuredRate"/>.</summary>
    private const double TargetRate = 0.90;

    private static readonly string Manifest = Path.Combine(AppContext.BaseDirectory, "Conformance", "camunda-corpus-sources.tsv");

    private static string FindCorpus() =>
        Environment.GetEnvironmentVariable("WORKFLOWHUB_CAMUNDA_CORPUS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "Conformance", "camunda");

    [Fact]
    public async Task TheCamundaCorpus_DeploysAtLeastItsMeasuredRate()
    {
        var files = CorpusDeployment.FilesOfManifest(FindCorpus(), Manifest);
        Assert.NotEmpty(files);

        await using var database = await TestDatabase.CreateAsync(TestDatabaseProvider.Sqlite);
        await using var engine = await EngineHarness.CreateAsync(database);
        var outcomes = await CorpusDeployment.DeployAllAsync(engine.Definitions, files);

        var rate = CorpusDeployment.Rate(outcomes);
        output.WriteLine($"issue 13's target {TargetRate:P0}: {(rate >= TargetRate ? "reached" : "not reached")}");
        output.WriteLine(CorpusDeployment.Report(outcomes));
        Assert.DoesNotContain(outcomes, o => o.Errors.Any(e => e.StartsWith("crash:", StringComparison.Ordinal)));
        Assert.True(rate >= MeasuredRate,
            $"{rate:P1} of the corpus deploys, below the {MeasuredRate:P0} measured before:{Environment.NewLine}{CorpusDeployment.Report(outcomes, top: 10)}");
    }

    [Fact]
    public void TheManifest_NamesEachFilesSourceLicenceAndHash()
    {
        var rows = File.ReadLines(Manifest).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
        Assert.InRange(rows.Count, 100, 400);
        Assert.All(rows, r =>
        {
            Assert.Equal(6, r.Length);
            Assert.Contains(r[4], new[] { "Apache-2.0", "MIT" });
            Assert.Matches("^[0-9a-f]{40}$", r[2]);
            Assert.Matches("^[0-9a-f]{64}$", r[5]);
        });
        Assert.Equal(rows.Count, rows.Select(r => r[0]).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("flow 'Flow_1x' of process 'p' has no target (line 12)", "flow '…' of process '…' has no target (line N)")]
    [InlineData("cannot execute transaction Tx_3 / 不能执行", "cannot execute transaction Tx_N")]
    public void ReasonsAreGroupedWithoutWhatVariesPerFile(string message, string reason) =>
        Assert.Equal(reason, CorpusDeployment.Reason(message));
}
