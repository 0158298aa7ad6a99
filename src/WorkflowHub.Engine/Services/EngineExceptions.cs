using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Services;

/// <summary>Base of the engine's expected failures; hosts map them to HTTP answers.</summary>
public abstract class WorkflowException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The named definition, instance, task or incident does not exist (or is no longer open).</summary>
public sealed class WorkflowNotFoundException(string message) : WorkflowException(message);

/// <summary>The request clashes with the current state (a task claimed by another, an ambiguous correlation...).</summary>
public sealed class WorkflowConflictException(string message) : WorkflowException(message);

/// <summary>A request value is wrong; <see cref="Field"/> names it.</summary>
public sealed class WorkflowArgumentException(string field, string message) : WorkflowException(message)
{
    public string Field { get; } = field;
}

/// <summary>A BPMN file did not pass validation; <see cref="Problems"/> say where and why.</summary>
public sealed class BpmnValidationException(IReadOnlyList<BpmnProblem> problems)
    : WorkflowException("The BPMN file has errors: " + string.Join("; ", problems.Where(p => p.Severity == ProblemSeverity.Error).Take(5)))
{
    public IReadOnlyList<BpmnProblem> Problems { get; } = problems;
}

/// <summary>
/// Thrown by a service-task handler (or raised by an error end event) to signal a business error that an
/// error boundary event may catch, as BPMN 2.0 §10.5.3 describes.
/// </summary>
public sealed class BpmnError(string errorCode, string? message = null) : Exception(message ?? errorCode)
{
    public string ErrorCode { get; } = errorCode;
}
