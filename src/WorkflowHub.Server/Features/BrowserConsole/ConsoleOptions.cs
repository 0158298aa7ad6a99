namespace WorkflowHub.Server.Features.BrowserConsole;

/// <summary>The "Console" settings section: where the built browser console (控制台) is served from.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>
    /// The Vite build output (index.html + assets/). Relative paths hang off the repository root; the default is
    /// where <c>dotnet build</c> of the server writes it. Empty or missing folder: the API runs without the console.
    /// </summary>
    public string AssetsPath { get; set; } = "src/WorkflowHub.Web/dist";
}
