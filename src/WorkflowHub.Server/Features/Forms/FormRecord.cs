namespace WorkflowHub.Server.Features.Forms;

/// <summary>
/// One version of a task form (表单): a form-js schema saved under a form key, versioned like flows. A user task
/// names the key in camunda:formKey; the latest version is what a new task shows.
/// </summary>
public sealed class FormRecord
{
    public const int KeyMaxLength = 100;

    public long Id { get; set; }

    public required string Key { get; set; }

    public int Version { get; set; }

    public required string Name { get; set; }

    /// <summary>The form-js schema (JSON).</summary>
    public required string Schema { get; set; }

    /// <summary>SHA-256 of the schema: saving an unchanged form makes no new version.</summary>
    public required string Hash { get; set; }

    /// <summary>"designer" (saved in the console) or "shipped" (workflows/forms/ at start).</summary>
    public required string Source { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
