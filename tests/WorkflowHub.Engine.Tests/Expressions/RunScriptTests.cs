using System.Text.Json.Nodes;
using WorkflowHub.Engine.Expressions;
using static WorkflowHub.Engine.Tests.Expressions.ExpressionTestSupport;

namespace WorkflowHub.Engine.Tests.Expressions;

public class RunScriptTests
{
    private readonly ExpressionEvaluator _evaluator = Create();

    [Fact]
    public void Script_sees_variables_sets_variables_and_returns_its_completion_value()
    {
        var set = new List<(string Name, string? Json)>();
        const string script = """
            var total = 0;
            for (const line of order.lines) {
              total += line.qty * line.price;
            }
            execution.setVariable('total', total);
            execution.setVariable('summary', { customer: customer, count: order.lines.length, due: addDays(now(), 1) });
            execution.setVariable('nothing', undefined);
            var seen = execution.getVariable('total');
            seen * 2;
            """;
        var vars = Vars(
            ("customer", "ACME"),
            ("order", JsonNode.Parse("""{"lines":[{"qty":2,"price":10},{"qty":1,"price":5.5}]}""")));

        var result = _evaluator.RunScript(script, vars, (name, value) => set.Add((name, value?.ToJsonString())));

        AssertJson("51", result);
        Assert.Equal(
            [
                ("total", "25.5"),
                ("summary", """{"customer":"ACME","count":2,"due":"2024-05-02T12:00:00.0000000Z"}"""),
                ("nothing", null),
            ],
            set);
    }

    [Fact]
    public void Script_without_a_completion_value_returns_null()
    {
        Assert.Null(_evaluator.RunScript("execution.setVariable('a', 1);", Vars(), (_, _) => { }));
        Assert.Null(_evaluator.RunScript("function f() { return 1; }", Vars(), (_, _) => { }));
        AssertJson("""{"x":[1,2]}""", _evaluator.RunScript("const r = { x: [1, 2] }; r", Vars(), (_, _) => { }));
    }

    [Fact]
    public void Script_errors_are_expression_exceptions()
    {
        var syntax = Assert.Throws<ExpressionException>(() => _evaluator.RunScript("var = 1;", Vars(), (_, _) => { }));
        Assert.StartsWith("syntax error: ", syntax.Reason);
        Assert.Equal("var = 1;", syntax.ExpressionText);

        var unknown = Assert.Throws<ExpressionException>(() => _evaluator.RunScript("var a = b + 1;", Vars(), (_, _) => { }));
        Assert.Equal("unknown variable 'b'", unknown.Reason);

        var loop = Assert.Throws<ExpressionException>(() => Create(new ScriptOptions { MaxStatements = 500 }).RunScript("for (;;) {}", Vars(), (_, _) => { }));
        Assert.Equal("statement limit of 500 statements exceeded", loop.Reason);

        var badName = Assert.Throws<ExpressionException>(() => _evaluator.RunScript("execution.setVariable('', 1)", Vars(), (_, _) => { }));
        Assert.Contains("the variable name must be a non-empty string", badName.Reason);
    }

    [Fact]
    public void Script_can_use_globals_and_sloppy_mode_features()
    {
        var result = _evaluator.RunScript(
            "counter = amount + 1; var o = {}; o.toString = function () { return 'custom'; }; String(o) + counter",
            Vars(("amount", 1)),
            (_, _) => { });

        AssertJson("\"custom2\"", result);
    }

    [Fact]
    public void Expressions_cannot_set_variables()
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate(E("${execution.setVariable('a', 1)}"), Vars()));

        Assert.Contains("execution.setVariable is only available in scripts", ex.Reason);
    }
}
