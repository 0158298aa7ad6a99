namespace WorkflowHub.Server.Hosting;

/// <summary>
/// The repository root: the folder holding WorkflowHub.sln, appsettings.json and data/. Relative paths in
/// settings are resolved against it so the server behaves the same whether started from the root, from
/// its project folder or from a test runner's output folder.
/// </summary>
public sealed class HubPaths
{
    public const string RootMarker = "WorkflowHub.sln";
    public const string SettingsFile = "appsettings.json";

    public HubPaths(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string SettingsPath => Path.Combine(Root, SettingsFile);

    /// <summary>An absolute path for a setting's value: rooted values stay, relative ones hang off <see cref="Root"/>.</summary>
    public string Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(Root, path));
    }

    /// <summary>
    /// The first of the start folders that has <see cref="RootMarker"/> in itself or an ancestor; the first
    /// start folder otherwise (a published server without the solution keeps its settings beside it).
    /// </summary>
    public static HubPaths Discover(params string?[] startFolders)
    {
        var candidates = startFolders.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f!).ToList();
        foreach (var start in candidates)
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, RootMarker)))
                {
                    return new HubPaths(dir.FullName);
                }
            }
        }

        return new HubPaths(candidates.FirstOrDefault() ?? Directory.GetCurrentDirectory());
    }
}
