using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace WorkflowHub.Engine.Tests.Execution;

/// <summary>Settings a node cannot run with are refused at start, naming the setting, rather than failing every poll.</summary>
public sealed class EngineOptionsValidationTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(EngineServiceCollectionExtensions.MaxJobBatchSize + 1)]
    public void A_job_batch_size_out_of_range_is_refused_naming_the_setting(int size)
    {
        using var provider = Provider(size);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EngineOptions>>().Value);

        Assert.Contains("Engine:JobExecutor:BatchSize", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(EngineServiceCollectionExtensions.MaxJobBatchSize)]
    public void A_job_batch_size_in_range_is_taken(int size)
    {
        using var provider = Provider(size);

        Assert.Equal(size, provider.GetRequiredService<IOptions<EngineOptions>>().Value.JobExecutor.BatchSize);
    }

    private static ServiceProvider Provider(int batchSize)
    {
        var services = new ServiceCollection().AddWorkflowEngine();
        services.Configure<EngineOptions>(o => o.JobExecutor.BatchSize = batchSize);
        return services.BuildServiceProvider();
    }
}
