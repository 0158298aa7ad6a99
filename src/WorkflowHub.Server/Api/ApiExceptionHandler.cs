using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Server.Api;

/// <summary>
/// Turns the engine's expected failures and unreadable requests into RFC 7807 answers: not found 404, conflict 409,
/// a wrong value 400 naming the field (<c>errors: {field: [message]}</c>), a bad BPMN file 400 with its
/// <c>problems</c> (line, column, element), unreadable JSON 400 with its position, an oversize body 413.
/// Anything else stays a 500 without details.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ToProblem(exception);
        if (problem is null)
        {
            return false;
        }
        if (problem.Status >= 500)
        {
            return false;
        }
        logger.LogDebug(exception, "Request {Path} answered {Status}", httpContext.Request.Path, problem.Status);
        httpContext.Response.StatusCode = problem.Status ?? 400;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    public static ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        WorkflowNotFoundException e => new ProblemDetails { Status = 404, Title = "Not found", Detail = e.Message },
        WorkflowConflictException e => new ProblemDetails { Status = 409, Title = "Conflict", Detail = e.Message },
        WorkflowArgumentException e => Validation(e.Field, e.Message),
        BpmnValidationException e => Bpmn(e.Problems),
        ApiRequestException e => e.Problem,
        JsonException e => Json(e, 400),
        BadHttpRequestException { InnerException: JsonException json } e => Json(json, e.StatusCode),
        // Its messages name the endpoint's parameter types ("Failed to read parameter \"CompleteRequest request\""...).
        BadHttpRequestException e => e.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? new ProblemDetails { Status = e.StatusCode, Title = "Request body too large", Detail = "The body is larger than this endpoint accepts." }
            : e.Message.Contains("was not provided", StringComparison.Ordinal)
                ? Validation("body", "A JSON body is required.")
                : new ProblemDetails { Status = e.StatusCode, Title = "Bad request", Detail = "The request could not be read." },
        _ => null,
    };

    public static HttpValidationProblemDetails Validation(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = 400,
            Title = "One or more values are invalid",
            Detail = message,
        };

    public static ProblemDetails Bpmn(IReadOnlyList<BpmnProblem> problems)
    {
        var errors = problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();
        var problem = new ProblemDetails
        {
            Status = 400,
            Title = "The BPMN file has errors",
            Detail = errors.FirstOrDefault() is { } first ? $"Line {first.Line}, column {first.Column}: {first.Message}" : null,
        };
        problem.Extensions["problems"] = problems.Select(ProblemDto.From).ToList();
        return problem;
    }

    private static ProblemDetails Json(JsonException e, int status)
    {
        // "$.variables.x" names the field "variables.x"; an error outside any property is about the body.
        var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path;
        var line = e.LineNumber is { } l ? l + 1 : (long?)null;
        var message = WrongType(e.Message) is { } expected
            ? line is null
                ? $"The value of '{field}' must be {expected}."
                : $"The value of '{field}' at line {line}, byte {e.BytePositionInLine} must be {expected}."
            : line is null
                ? "The body is not valid JSON."
                : $"The body is not valid JSON at line {line}, byte {e.BytePositionInLine}.";
        var problem = Validation(field, message);
        problem.Status = status;
        problem.Title = "Unreadable JSON";
        problem.Extensions["position"] = new { path = e.Path, line, bytePositionInLine = e.BytePositionInLine };
        return problem;
    }

    /// <summary>
    /// What a value of the wrong JSON type should have been, in words, from System.Text.Json's message (which names
    /// the .NET type: that name must never reach a client); null for a syntax error.
    /// </summary>
    private static string? WrongType(string message)
    {
        const string marker = "could not be converted to ";
        var at = message.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }
        var type = message[(at + marker.Length)..];
        return type switch
        {
            _ when type.StartsWith("System.Collections.Generic.Dictionary", StringComparison.Ordinal)
                || type.StartsWith("System.Text.Json.Nodes.JsonObject", StringComparison.Ordinal) => "an object",
            _ when type.StartsWith("System.Collections.Generic.", StringComparison.Ordinal)
                || type.StartsWith("System.Text.Json.Nodes.JsonArray", StringComparison.Ordinal) || type.Contains("[]", StringComparison.Ordinal) => "an array",
            _ when type.StartsWith("System.String", StringComparison.Ordinal) => "a string",
            _ when type.StartsWith("System.Boolean", StringComparison.Ordinal) || type.StartsWith("System.Nullable`1[System.Boolean]", StringComparison.Ordinal) => "true or false",
            _ when type.StartsWith("System.Int", StringComparison.Ordinal) || type.StartsWith("System.Nullable`1[System.Int", StringComparison.Ordinal)
                || type.StartsWith("System.Double", StringComparison.Ordinal) || type.StartsWith("System.Decimal", StringComparison.Ordinal) => "a number",
            _ => "of another JSON type (an object)",
        };
    }
}

/// <summary>One problem of a BPMN file as the API shows it.</summary>
public sealed record ProblemDto(string Severity, int Line, int Column, string? ElementId, string? ElementType, string Message)
{
    public static ProblemDto From(BpmnProblem p) =>
        new(p.Severity == ProblemSeverity.Error ? "error" : "warning", p.Line, p.Column, p.ElementId, p.ElementType, p.Message);
}

/// <summary>Thrown by the API's own code to answer with a prepared problem (413 for a body read by hand, 400 for a bad query value...).</summary>
public sealed class ApiRequestException(ProblemDetails problem) : Exception(problem.Detail ?? problem.Title)
{
    public ProblemDetails Problem { get; } = problem;

    public static ApiRequestException Invalid(string field, string message) => new(ApiExceptionHandler.Validation(field, message));

    public static ApiRequestException TooLarge(long limit) => new(new ProblemDetails
    {
        Status = StatusCodes.Status413PayloadTooLarge,
        Title = "Request body too large",
        Detail = $"The body is larger than the {limit} bytes this endpoint accepts.",
    });
}
