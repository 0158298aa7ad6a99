namespace WorkflowHub.Server.Features.Cases;

/// <summary>
/// A case operation was refused: a missing or bad input, or a step the status machine does not allow. In a handler it
/// becomes the incident's message; in the API a 400 (naming <see cref="Field"/>) or a 409.
/// </summary>
public sealed class CaseRuleException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}
