using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using WorkflowHub.Engine.Expressions;
using static WorkflowHub.Engine.Tests.Expressions.ExpressionTestSupport;

namespace WorkflowHub.Engine.Tests.Expressions;

public sealed class HostFunctionTests
{
    /// <summary>Adds n days to the given date, or to now; refuses anything but a number of days.</summary>
    private sealed class DaysLater : IExpressionFunction
    {
        public string Name => "daysLater";

        public JsonNode? Invoke(IReadOnlyList<JsonNode?> arguments, DateTimeOffset now)
        {
            if (arguments.Count == 0 || arguments[0] is not JsonValue n || !n.TryGetValue<double>(out var days))
            {
                throw new ExpressionFunctionException("the number of days is required");
            }
            var from = arguments.Count > 1 && arguments[1] is JsonValue d ? DateTimeOffset.Parse(d.GetValue<string>()) : now;
            return ExpressionFunctionResult.Date(from.AddDays(days));
        }
    }

    private static ExpressionEvaluator WithHost(params IExpressionFunction[] functions) =>
        new(new ScriptOptions(), new FakeTimeProvider(Start), functions);

    [Fact]
    public void A_host_function_is_called_with_the_engines_clock_and_its_date_is_a_js_date()
    {
        var evaluator = WithHost(new DaysLater());

        Assert.Equal(Start.AddDays(3), evaluator.EvaluateDate(E("${daysLater(3)}"), Vars()));
        // A Date: the built-in helpers and Date methods work on it; a Date argument arrives as ISO text.
        Assert.Equal(Start.AddDays(1).AddHours(2), evaluator.EvaluateDate(E("${addHours(daysLater(1), 2)}"), Vars()));
        Assert.Equal(Start.AddDays(2), evaluator.EvaluateDate(E("${daysLater(1, daysLater(1))}"), Vars()));
        AssertJson("true", evaluator.Evaluate(E("${daysLater(1) instanceof Date}"), Vars()));
    }

    [Fact]
    public void A_bad_argument_fails_the_expression_with_the_functions_message()
    {
        var ex = Assert.Throws<ExpressionException>(() => WithHost(new DaysLater()).Evaluate(E("${daysLater('x')}"), Vars()));

        Assert.Contains("daysLater: the number of days is required", ex.Reason);
    }

    [Fact]
    public void A_host_function_cannot_take_a_built_in_helpers_name_nor_another_functions()
    {
        Assert.Throws<InvalidOperationException>(() => WithHost(new Named("now")));
        Assert.Throws<InvalidOperationException>(() => WithHost(new Named("f"), new Named("f")));
        Assert.Throws<InvalidOperationException>(() => WithHost(new Named("not an identifier")));
    }

    [Fact]
    public void Without_host_functions_their_names_are_unknown() =>
        Assert.Throws<ExpressionException>(() => Create().Evaluate(E("${daysLater(1)}"), Vars()));

    private sealed class Named(string name) : IExpressionFunction
    {
        public string Name => name;

        public JsonNode? Invoke(IReadOnlyList<JsonNode?> arguments, DateTimeOffset now) => null;
    }
}
