using System.Text.Json.Nodes;
using WorkflowHub.Engine.Expressions;
using static WorkflowHub.Engine.Tests.Expressions.ExpressionTestSupport;

namespace WorkflowHub.Engine.Tests.Expressions;

/// <summary>Sandbox limits, no CLR access, and isolation between evaluations.</summary>
public class ExpressionSandboxTests
{
    [Fact]
    public void Infinite_loop_stops_at_the_statement_limit()
    {
        var evaluator = Create(new ScriptOptions { MaxStatements = 1_000 });

        var ex = Assert.Throws<ExpressionException>(() => evaluator.Evaluate(E("${(function(){while(true){}})()}"), Vars()));

        Assert.Equal("statement limit of 1000 statements exceeded", ex.Reason);
    }

    [Fact]
    public void Infinite_loop_stops_at_the_timeout()
    {
        var evaluator = Create(new ScriptOptions { TimeoutMilliseconds = 50, MaxStatements = int.MaxValue - 1 });

        var ex = Assert.Throws<ExpressionException>(() => evaluator.Evaluate(E("${(function(){while(true){}})()}"), Vars()));

        Assert.Equal("timed out after 50 ms", ex.Reason);
    }

    [Fact]
    public void Catastrophic_regular_expression_stops_at_the_timeout()
    {
        var evaluator = Create(new ScriptOptions { TimeoutMilliseconds = 50 });

        var ex = Assert.Throws<ExpressionException>(() => evaluator.Evaluate(
            E("${/(a+)+$/.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')}"), Vars()));

        Assert.Equal("a regular expression timed out after 50 ms", ex.Reason);
    }

    [Fact]
    public void Promise_jobs_run_within_the_same_limits()
    {
        var evaluator = Create(new ScriptOptions { MaxStatements = 1_000 });

        var ex = Assert.Throws<ExpressionException>(() => evaluator.Evaluate(E("${Promise.resolve().then(() => { while (true) {} })}"), Vars()));

        Assert.Equal("statement limit of 1000 statements exceeded", ex.Reason);
    }

    [Fact]
    public void Deep_recursion_stops_at_the_recursion_limit()
    {
        var evaluator = Create(new ScriptOptions { RecursionLimit = 20 });

        var ex = Assert.Throws<ExpressionException>(() => evaluator.Evaluate(E("${(function f(n) { return f(n + 1) + 1; })(0)}"), Vars()));

        Assert.Equal("recursion limit of 20 exceeded", ex.Reason);
    }

    [Fact]
    public void Deeply_nested_values_fail_without_crashing_the_process()
    {
        var evaluator = Create();

        var built = Assert.Throws<ExpressionException>(() => evaluator.Evaluate(
            E("${(() => { let a = []; for (let i = 0; i < 50000; i++) a = [a]; return JSON.stringify(a); })()}"), Vars()));
        Assert.Contains("Maximum call stack size exceeded", built.Reason);

        var returned = Assert.Throws<ExpressionException>(() => evaluator.Evaluate(
            E("${(() => { let a = []; for (let i = 0; i < 5000; i++) a = [a]; return a; })()}"), Vars()));
        Assert.Contains("nested more than", returned.Reason);

        var cyclic = Assert.Throws<ExpressionException>(() => evaluator.Evaluate(E("${(() => { const o = {}; o.self = o; return o; })()}"), Vars()));
        Assert.Contains("cyclic", cyclic.Reason);

        var source = Assert.Throws<ExpressionException>(() => evaluator.Evaluate(E("${" + new string('[', 100_000) + new string(']', 100_000) + "}"), Vars()));
        Assert.Contains("nested too deeply", source.Reason);
    }

    [Fact]
    public void Huge_allocation_stops_at_the_memory_limit()
    {
        var evaluator = Create(new ScriptOptions { MemoryLimitBytes = 4 * 1024 * 1024, MaxStatements = int.MaxValue - 1, TimeoutMilliseconds = 30_000 });

        var loop = Assert.Throws<ExpressionException>(() => evaluator.Evaluate(
            E("${(() => { const a = []; while (true) a.push('item number ' + a.length); })()}"), Vars()));
        Assert.Equal("memory limit of 4194304 bytes exceeded", loop.Reason);

        var single = Assert.Throws<ExpressionException>(() => evaluator.Evaluate(E("${'x'.repeat(50000000).length}"), Vars()));
        Assert.Equal("memory limit of 4194304 bytes exceeded", single.Reason);

        var sparse = Assert.Throws<ExpressionException>(() => evaluator.Evaluate(E("${new Array(1e9)}"), Vars()));
        Assert.Contains("too large", sparse.Reason);
    }

    [Theory]
    [InlineData("${System}", "unknown variable 'System'")]
    [InlineData("${System.IO.File.ReadAllText('/etc/passwd')}", "unknown variable 'System'")]
    [InlineData("${importNamespace('System.IO')}", "unknown variable 'importNamespace'")]
    [InlineData("${require('fs')}", "unknown variable 'require'")]
    [InlineData("${eval('1 + 1')}", "String compilation has been disabled")]
    [InlineData("${Function('return 1')()}", "String compilation has been disabled")]
    [InlineData("${[].constructor.constructor('return this')()}", "String compilation has been disabled")]
    [InlineData("${new ShadowRealm()}", "unknown variable 'ShadowRealm'")]
    public void There_is_no_way_out_of_the_sandbox(string text, string reasonPart)
    {
        var ex = Assert.Throws<ExpressionException>(() => Create().Evaluate(E(text), Vars()));

        Assert.Contains(reasonPart, ex.Reason);
    }

    [Fact]
    public void Clr_globals_do_not_exist()
    {
        var evaluator = Create();

        Assert.Equal(
            "undefined undefined undefined undefined",
            evaluator.EvaluateString(E("${typeof System} ${typeof importNamespace} ${typeof require} ${typeof clr}"), Vars()));
    }

    [Fact]
    public void Result_that_would_run_code_when_read_is_refused()
    {
        var ex = Assert.Throws<ExpressionException>(() => Create().Evaluate(E("${new Proxy({}, { ownKeys() { while (true) {} } })}"), Vars()));

        Assert.Contains("Proxy", ex.Reason);

        // Getters are not invoked after the run: the property is left out.
        AssertJson("""{"a":1}""", Create().Evaluate(E("${ {a: 1, get b() { while (true) {} }} }"), Vars()));
    }

    [Fact]
    public void Globals_set_by_one_evaluation_do_not_leak_into_the_next()
    {
        var evaluator = Create();

        evaluator.Evaluate(E("${globalThis.leaked = 1}"), Vars());
        evaluator.Evaluate(E("${(this.alsoLeaked = 2)}"), Vars());
        evaluator.Evaluate(E("${Object.defineProperty(globalThis, 'stuck', { value: 3 })}"), Vars());
        evaluator.Evaluate(E("${Promise.resolve().then(() => { globalThis.later = 4; })}"), Vars());
        Assert.Equal(
            "unknown variable 'implicit'",
            Assert.Throws<ExpressionException>(() => evaluator.Evaluate(E("${(() => { implicit = 5; })()}"), Vars())).Reason);

        Assert.Equal(
            "undefined undefined undefined undefined undefined",
            evaluator.EvaluateString(E("${typeof leaked} ${typeof alsoLeaked} ${typeof stuck} ${typeof later} ${typeof implicit}"), Vars()));
    }

    [Fact]
    public void Script_globals_do_not_leak_into_expressions_or_other_scripts()
    {
        var evaluator = Create();

        evaluator.RunScript("x = 1; var y = 2; let z = 3; function f() {}", Vars(), (_, _) => { });

        Assert.Equal("undefined undefined undefined undefined", evaluator.EvaluateString(E("${typeof x} ${typeof y} ${typeof z} ${typeof f}"), Vars()));
        AssertJson("\"undefined\"", evaluator.RunScript("typeof x", Vars(), (_, _) => { }));
        AssertJson("3", evaluator.RunScript("let z = 3; z", Vars(), (_, _) => { }));
    }

    [Fact]
    public void Variables_of_one_evaluation_are_gone_in_the_next()
    {
        var evaluator = Create();

        Assert.Equal(5, evaluator.EvaluateInt(E("${secret}"), Vars(("secret", 5))));
        Assert.Equal("undefined", evaluator.EvaluateString(E("${typeof secret}"), Vars()));
        Assert.Equal(
            "unknown variable 'secret'",
            Assert.Throws<ExpressionException>(() => evaluator.Evaluate(E("${secret}"), Vars())).Reason);
    }

    [Fact]
    public void Built_ins_cannot_be_changed_for_later_evaluations()
    {
        var evaluator = Create();

        Assert.Throws<ExpressionException>(() => evaluator.Evaluate(E("${Array.prototype.leak = 1}"), Vars()));
        Assert.Throws<ExpressionException>(() => evaluator.Evaluate(E("${Math.max = () => 0}"), Vars()));
        Assert.Throws<ExpressionException>(() => evaluator.Evaluate(E("${JSON = null}"), Vars()));
        Assert.Throws<ExpressionException>(() => evaluator.Evaluate(E("${Object.getPrototypeOf(function* () {}).leak = 1}"), Vars()));
        Assert.Throws<ExpressionException>(() => evaluator.Evaluate(E("${execution.getVariable = () => 1}"), Vars()));
        evaluator.Evaluate(E("${Object.setPrototypeOf(globalThis, null)}"), Vars());
        evaluator.Evaluate(E("${'abc'.match(/(b)/)}"), Vars());

        Assert.Null(evaluator.Evaluate(E("${[].leak}"), Vars()));
        Assert.Equal(3, evaluator.EvaluateInt(E("${Math.max(1, 3)}"), Vars()));
        Assert.Equal("""{"a":1}""", evaluator.EvaluateString(E("${JSON.stringify({a: 1})}"), Vars()));
        Assert.Equal("undefined", evaluator.EvaluateString(E("${typeof RegExp.$1}"), Vars()));
        Assert.Equal("function", evaluator.EvaluateString(E("${typeof globalThis.hasOwnProperty}"), Vars()));
    }

    [Fact]
    public void An_evaluation_that_hit_a_limit_does_not_affect_the_next()
    {
        var evaluator = Create(new ScriptOptions { MaxStatements = 1_000 });

        Assert.Throws<ExpressionException>(() => evaluator.Evaluate(E("${(() => { globalThis.half = 1; while (true) {} })()}"), Vars()));

        Assert.Equal("undefined", evaluator.EvaluateString(E("${typeof half}"), Vars()));
        Assert.True(evaluator.EvaluateCondition(E("${n === 1}"), Vars(("n", 1))));
    }
}
