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
        BadHttpRequestException e => new ProblemDetails
        {
            Status = e.StatusCode,
            Title = e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request",
            Detail = e.Message,
        },
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
            Detail = string.Join("; ", errors.Take(5)),
        };
        problem.Extensions["problems"] = problems.Select(ProblemDto.From).ToList();
        return problem;
    }

    private static ProblemDetails Json(JsonException e, int status)
    {
        // "$.variables.x" names the field "variables.x"; an error outside any property is about the body.
        var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path;
        var line = e.LineNumber is { } l ? l + 1 : (long?)null;
        var message = line is null
            ? "The body is not valid JSON: " + Clean(e.Message)
            : $"The body is not valid JSON at line {line}, byte {e.BytePositionInLine}: {Clean(e.Message)}";
        var problem = Validation(field, message);
        problem.Status = status;
        problem.Title = "Unreadable JSON";
        problem.Extensions["position"] = new { path = e.Path, line, bytePositionInLine = e.BytePositionInLine };
        return problem;
    }

    private static string Clean(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
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
