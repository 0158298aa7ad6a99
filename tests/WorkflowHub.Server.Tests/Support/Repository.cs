namespace WorkflowHub.Server.Tests;

/// <summary>The repository the tests run in, for tests that read its source and build files.</summary>
public static class Repository
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WorkflowHub.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (WorkflowHub.sln) was not found above the test's folder.");
    }
}
