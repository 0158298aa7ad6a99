using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowHub.Engine.Services;

namespace WorkflowHub.Server.Features.Cases.Handlers;

/// <summary>
/// The common half of the case.* handlers: reading and checking inputs (a bad one stops the token with an incident
/// naming the handler, the input and what is wrong), the case the flow serves, and the timeline's actor.
/// </summary>
public abstract class CaseHandler : IServiceTaskHandler
{
    protected static readonly HandlerParameter CaseNumberInput = new("caseNumber", "string", false, "case number such as WH-2026-000123; default the variable caseNumber or the business key");
    protected static readonly HandlerParameter ActorInput = new("actor", "string", false, "who the timeline names; default the flow");
    protected static readonly HandlerParameter NoteInput = new("note", "string", false, "a note for the timeline");

    public abstract string Topic { get; }

    public abstract string Description { get; }

    public abstract IReadOnlyList<HandlerParameter> Parameters { get; }

    public async ValueTask ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        try
        {
            await RunAsync(context, ct);
        }
        catch (CaseRuleException ex)
        {
            throw new InvalidOperationException($"{Topic}: {ex.Message}", ex);
        }
    }

    protected abstract Task RunAsync(ServiceTaskContext context, CancellationToken ct);

    protected static CaseActor Actor(ServiceTaskContext context) =>
        new(Text(context, "actor", 256) ?? $"流程 {context.ProcessKey}", context.InstanceId, context.ElementId);

    protected static async Task<ProblemCase> CaseAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var number = Text(context, "caseNumber", 40) ?? context.BusinessKey
            ?? throw new CaseRuleException("The input 'caseNumber' is missing and the instance has no business key.", "caseNumber");
        return await CaseLedger.FindAsync(context.Db, number, ct);
    }

    protected static string? Text(ServiceTaskContext context, string name, int maxLength)
    {
        var value = context.GetVariable(name);
        if (value is null)
        {
            return null;
        }
        if (value is not JsonValue v || v.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number))
        {
            throw new CaseRuleException($"The input '{name}' must be a text, not {value.GetValueKind()}.", name);
        }
        var text = v.ToString().Trim();
        if (text.Length > maxLength)
        {
            throw new CaseRuleException($"The input '{name}' has at most {maxLength} characters.", name);
        }
        return text.Length == 0 ? null : text;
    }

    protected static string Required(ServiceTaskContext context, string name, int maxLength) =>
        Text(context, name, maxLength) ?? throw new CaseRuleException($"The input '{name}' is missing.", name);

    protected static double? Number(ServiceTaskContext context, string name, double min, double max)
    {
        var value = context.GetVariable(name);
        if (value is null)
        {
            return null;
        }
        if (value is JsonValue v && (v.GetValueKind() == JsonValueKind.Number
                ? v.GetValue<double>()
                : double.TryParse(v.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : double.NaN) is var n
            && n >= min && n <= max)
        {
            return n;
        }
        throw new CaseRuleException($"The input '{name}' must be a number from {min} to {max}.", name);
    }

    protected static DateTimeOffset? Date(ServiceTaskContext context, string name)
    {
        var text = Text(context, name, 64);
        if (text is null)
        {
            return null;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : throw new CaseRuleException($"The input '{name}' must be an ISO-8601 date, not '{text}'.", name);
    }

    protected static TEnum? Choice<TEnum>(ServiceTaskContext context, string name, Func<string, TEnum?>? parse = null)
        where TEnum : struct, Enum
    {
        var text = Text(context, name, 40);
        if (text is null)
        {
            return null;
        }
        var value = parse?.Invoke(text)
            ?? (Enum.TryParse<TEnum>(text, true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(text[0]) ? parsed : null);
        return value ?? throw new CaseRuleException(
            $"The input '{name}' must be one of {string.Join(", ", Enum.GetNames<TEnum>())}, not '{text}'.", name);
    }

    protected static void Set(ServiceTaskContext context, string name, string? value) => context.SetVariable(name, value is null ? null : JsonValue.Create(value));

    protected static void Set(ServiceTaskContext context, string name, int value) => context.SetVariable(name, JsonValue.Create(value));

    protected static void Set(ServiceTaskContext context, string name, bool value) => context.SetVariable(name, JsonValue.Create(value));

    protected static void Set(ServiceTaskContext context, string name, DateTimeOffset? value) =>
        context.SetVariable(name, value is null ? null : JsonValue.Create(value.Value.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture)));

    /// <summary>The variables every handler leaves behind, so gateways and later tasks can read the case.</summary>
    protected static void Publish(ServiceTaskContext context, ProblemCase @case)
    {
        Set(context, "caseNumber", @case.Number);
        Set(context, "caseStatus", @case.Status.ToString());
        Set(context, "areaGroup", @case.AreaGroupId);
        Set(context, "sectorGroup", @case.SectorGroupId);
        Set(context, "dueAt", @case.DueAt);
        // The shipped flow's gateways and the deadlineFor() of its assignment read these too (workflows/problem-handling.bpmn).
        Set(context, "categoryCode", @case.CategoryCode);
        Set(context, "urgency", @case.Urgency.ToString());
        Set(context, "escalationLevel", @case.EscalationLevel);
        Set(context, "reworkCount", @case.ReworkCount);
        Set(context, "reboundCount", @case.ReboundCount);
    }
}
