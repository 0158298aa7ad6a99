using System.Text.Json.Nodes;
using WorkflowHub.Engine.Expressions;
using WorkflowHub.Server.Features.Calendar;

namespace WorkflowHub.Server.Features.Categories;

/// <summary><c>deadlineFor(category, urgency[, from])</c>: the category's time limit for the urgency, counted on its clock from from (default now).</summary>
public sealed class DeadlineForFunction(CategoryStore categories, CalendarStore calendar) : IExpressionFunction
{
    public string Name => "deadlineFor";

    public JsonNode? Invoke(IReadOnlyList<JsonNode?> arguments, DateTimeOffset now)
    {
        var code = FunctionArguments.Text(arguments, 0, "category");
        var urgency = UrgencyNames.Parse(FunctionArguments.Text(arguments, 1, "urgency"))
            ?? throw new ExpressionFunctionException("The urgency must be Urgent, Normal or Complex.");
        var start = FunctionArguments.Start(arguments, 2, now);
        var category = categories.Find(code)
            ?? throw new ExpressionFunctionException($"There is no category '{code}'.");
        return FunctionArguments.Compute(() => category.DeadlineOf(urgency).From(calendar.Current, start));
    }
}

/// <summary>Urgency by its English or Chinese name.</summary>
public static class UrgencyNames
{
    public static string Of(Urgency urgency) => urgency switch { Urgency.Urgent => "紧急", Urgency.Complex => "复杂", _ => "一般" };

    public static Urgency? Parse(string? text) => text?.Trim() switch
    {
        "紧急" => Urgency.Urgent,
        "一般" => Urgency.Normal,
        "复杂" => Urgency.Complex,
        { } s when Enum.TryParse<Urgency>(s, true, out var u) && Enum.IsDefined(u) && !char.IsDigit(s[0]) => u,
        _ => null,
    };
}
