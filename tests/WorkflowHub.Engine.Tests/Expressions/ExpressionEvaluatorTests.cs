using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using WorkflowHub.Engine.Expressions;
using static WorkflowHub.Engine.Tests.Expressions.ExpressionTestSupport;

namespace WorkflowHub.Engine.Tests.Expressions;

public class ExpressionEvaluatorTests
{
    private readonly ExpressionEvaluator _evaluator = Create();

    [Fact]
    public void Literal_text_is_its_own_string_value()
    {
        var result = _evaluator.Evaluate(E("just some text {with braces} and $dollars"), Vars());

        AssertJson("\"just some text {with braces} and $dollars\"", result);
    }

    [Theory]
    [InlineData("${amount * 2}", "42")]
    [InlineData("${amount / 4}", "5.25")]
    [InlineData("${amount > 20}", "true")]
    [InlineData("${name.toUpperCase()}", "\"BOB\"")]
    [InlineData("${null}", "null")]
    [InlineData("${undefined}", "null")]
    [InlineData("${missingOk ?? 'default'}", "\"default\"")]
    [InlineData("${ {a: 1, b: [1, 'x', true, null], c: {d: amount}} }", "{\"a\":1,\"b\":[1,\"x\",true,null],\"c\":{\"d\":21}}")]
    [InlineData("${[1, 2, 3].map(x => x * amount)}", "[21,42,63]")]
    [InlineData("${order.lines[1].qty * order.lines[1].price}", "7.5")]
    [InlineData("${order.lines.length}", "2")]
    [InlineData("${new Date(Date.UTC(2024, 0, 15, 10, 30))}", "\"2024-01-15T10:30:00.0000000Z\"")]
    [InlineData("${ {when: new Date(0), f: function () {}, u: undefined} }", "{\"when\":\"1970-01-01T00:00:00.0000000Z\"}")]
    [InlineData("${[NaN, Infinity, () => 1]}", "[null,null,null]")]
    [InlineData("${10n ** 20n}", "100000000000000000000")]
    [InlineData("${Symbol('s')}", "null")]
    [InlineData("  ${amount + 1}\n ", "22")]
    public void Single_expression_yields_its_JavaScript_value_as_json(string text, string expectedJson)
    {
        var vars = Vars(
            ("amount", 21),
            ("name", "bob"),
            ("missingOk", null),
            ("order", JsonNode.Parse("""{"lines":[{"qty":1,"price":2},{"qty":3,"price":2.5}]}""")));

        AssertJson(expectedJson, _evaluator.Evaluate(E(text), vars));
    }

    [Fact]
    public void Numeric_results_read_as_any_numeric_type()
    {
        var result = _evaluator.Evaluate(E("${n + 1}"), Vars(("n", 41)));

        Assert.Equal(42, result!.GetValue<int>());
        Assert.Equal(42L, result.GetValue<long>());
        Assert.Equal(42.0, result.GetValue<double>());
        Assert.Equal(42m, result.GetValue<decimal>());
    }

    [Fact]
    public void Variables_are_copies_and_changing_them_changes_nothing_outside()
    {
        var order = new JsonObject { ["total"] = 10, ["items"] = new JsonArray(1, 2) };

        var result = _evaluator.Evaluate(E("${(order.total = 99, order.items.push(3), order)}"), Vars(("order", order)));

        AssertJson("""{"total":99,"items":[1,2,3]}""", result);
        AssertJson("""{"total":10,"items":[1,2]}""", order);
    }

    [Theory]
    [InlineData("Hello ${name}, you have ${n + 1} items", "Hello bob, you have 3 items")]
    [InlineData("a${null}b${undefined}c${''}d", "abcd")]
    [InlineData("${n}${n}", "22")]
    [InlineData("${n} ${flag}", "2 true")]
    [InlineData("x=${ {a: '}'}.a }, y=${ `t${n}` }", "x=}, y=t2")]
    [InlineData("list: ${[1, 2]} obj: ${ {} }", "list: 1,2 obj: [object Object]")]
    public void Mixed_text_is_a_template_of_string_pieces(string text, string expected)
    {
        var vars = Vars(("name", "bob"), ("n", 2), ("flag", true));

        Assert.Equal(expected, _evaluator.EvaluateString(E(text), vars));
        AssertJson(System.Text.Json.JsonSerializer.Serialize(expected), _evaluator.Evaluate(E(text), vars));
    }

    [Fact]
    public void Condition_accepts_booleans()
    {
        var vars = Vars(("amount", 150), ("approved", true));

        Assert.True(_evaluator.EvaluateCondition(E("${amount > 100 && approved}"), vars));
        Assert.False(_evaluator.EvaluateCondition(E("${amount <= 100}"), vars));
        Assert.True(_evaluator.EvaluateCondition(E("\n  ${approved}\n"), vars));
        Assert.True(_evaluator.EvaluateCondition(E("true"), vars));
        Assert.False(_evaluator.EvaluateCondition(E(" FALSE "), vars));
    }

    [Theory]
    [InlineData("${amount}", "expected a boolean but got number 150")]
    [InlineData("${'true'}", "expected a boolean but got string 'true'")]
    [InlineData("${null}", "expected a boolean but got null")]
    [InlineData("${[]}", "expected a boolean but got array")]
    [InlineData("yes", "expected a boolean but got the text 'yes'")]
    [InlineData("is ${true}", "expected a boolean but got string 'is true'")]
    public void Condition_that_is_not_a_boolean_is_an_error(string text, string reason)
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.EvaluateCondition(E(text), Vars(("amount", 150))));

        Assert.Equal(reason, ex.Reason);
        Assert.Equal(text, ex.ExpressionText);
        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public void Unknown_variable_is_an_error_not_undefined()
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.EvaluateCondition(E("${missing > 1}"), Vars(("amount", 1))));

        Assert.Equal("unknown variable 'missing'", ex.Reason);
        Assert.Equal("Expression '${missing > 1}' failed: unknown variable 'missing'", ex.Message);
    }

    [Fact]
    public void Optional_variables_can_be_tested_with_typeof_or_execution_getVariable()
    {
        var vars = Vars(("present", 1));

        Assert.Equal("undefined", _evaluator.EvaluateString(E("${typeof missing}"), vars));
        Assert.True(_evaluator.EvaluateCondition(E("${execution.getVariable('missing') === null}"), vars));
        Assert.True(_evaluator.EvaluateCondition(E("${execution.hasVariable('present') && !execution.hasVariable('missing')}"), vars));
        AssertJson("1", _evaluator.Evaluate(E("${execution.getVariable('present')}"), vars));
    }

    [Theory]
    [InlineData("${amount >}", "syntax error: ")]
    [InlineData("${a b}", "syntax error: Unexpected identifier 'b'")]
    [InlineData("${amount; other}", "is not a single JavaScript expression")]
    [InlineData("${1); var x = (2}", "is not a single JavaScript expression")]
    [InlineData("${}", "empty expression")]
    [InlineData("${amount > 1", "is not closed")]
    [InlineData("${if (a) { b }}", "is not a single JavaScript expression")]
    public void Syntax_errors_are_reported_clearly(string text, string reasonPart)
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate(E(text), Vars(("amount", 1))));

        Assert.Contains(reasonPart, ex.Reason);
        Assert.Equal(text, ex.ExpressionText);

        // The broken text is cached, and fails the same way the second time.
        var again = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate(E(text), Vars(("amount", 1))));
        Assert.Equal(ex.Reason, again.Reason);
    }

    [Fact]
    public void JavaScript_errors_carry_their_message()
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate(E("${order.customer.name}"), Vars(("order", new JsonObject()))));

        Assert.StartsWith("TypeError: ", ex.Reason);
        Assert.Contains("name", ex.Reason);

        var thrown = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate(E("${(() => { throw new Error('boom') })()}"), Vars()));
        Assert.Equal("Error: boom", thrown.Reason);
    }

    [Fact]
    public void A_variable_may_shadow_a_built_in_global()
    {
        var vars = Vars(("escape", "yes"), ("now", "variable wins"), ("Math", 7));

        Assert.Equal("yes", _evaluator.EvaluateString(E("${escape}"), vars));
        Assert.Equal("variable wins", _evaluator.EvaluateString(E("${now}"), vars));
        Assert.Equal(8, _evaluator.EvaluateInt(E("${Math + 1}"), vars));

        // ...and the built-ins are intact for the next evaluation.
        Assert.Equal("function", _evaluator.EvaluateString(E("${typeof escape}"), Vars()));
        Assert.Equal(3, _evaluator.EvaluateInt(E("${Math.max(1, 3)}"), Vars()));
    }

    [Fact]
    public void Variables_reached_through_globalThis_are_bound()
    {
        Assert.Equal(5, _evaluator.EvaluateInt(E("${globalThis['amount']}"), Vars(("amount", 5))));
    }

    [Fact]
    public void EvaluateString_converts_values_to_text()
    {
        var vars = Vars(("n", 1.5), ("who", "kermit"), ("obj", JsonNode.Parse("""{"a":[1,2]}""")));

        Assert.Equal("kermit", _evaluator.EvaluateString(E("${who}"), vars));
        Assert.Equal("1.5", _evaluator.EvaluateString(E("${n}"), vars));
        Assert.Equal("true", _evaluator.EvaluateString(E("${n > 1}"), vars));
        Assert.Equal("""{"a":[1,2]}""", _evaluator.EvaluateString(E("${obj}"), vars));
        Assert.Equal("2024-01-02T00:00:00.0000000Z", _evaluator.EvaluateString(E("${parseDate('2024-01-02')}"), vars));
        Assert.Null(_evaluator.EvaluateString(E("${null}"), vars));
        Assert.Equal("plain", _evaluator.EvaluateString(E("plain"), vars));
    }

    [Fact]
    public void EvaluateInt_accepts_whole_numbers_and_numeric_text()
    {
        var vars = Vars(("n", 3), ("s", " 12 "));

        Assert.Equal(6, _evaluator.EvaluateInt(E("${n * 2}"), vars));
        Assert.Equal(12, _evaluator.EvaluateInt(E("${s}"), vars));
        Assert.Equal(40, _evaluator.EvaluateInt(E("40"), vars));
        Assert.Null(_evaluator.EvaluateInt(E("${null}"), vars));
        Assert.Equal("expected an integer but got number 1.5", Assert.Throws<ExpressionException>(() => _evaluator.EvaluateInt(E("${n / 2}"), vars)).Reason);
        Assert.Contains("expected an integer", Assert.Throws<ExpressionException>(() => _evaluator.EvaluateInt(E("many"), vars)).Reason);
    }

    [Fact]
    public void EvaluateList_accepts_an_array_or_a_comma_separated_text()
    {
        var vars = Vars(
            ("groups", new JsonArray("sales", " management ", null, 42)),
            ("csv", "kermit, gonzo ,, fozzie"));

        Assert.Equal(["sales", "management", "42"], _evaluator.EvaluateList(E("${groups}"), vars));
        Assert.Equal(["kermit", "gonzo", "fozzie"], _evaluator.EvaluateList(E("${csv}"), vars));
        Assert.Equal(["a", "b", "c"], _evaluator.EvaluateList(E(" a, b ,c "), vars));
        Assert.Equal(["x-sales", "x-management"], _evaluator.EvaluateList(E("${['sales', 'management'].map(g => 'x-' + g)}"), vars));
        Assert.Equal(["bob", "kermit"], _evaluator.EvaluateList(E("bob, ${csv.split(',')[0]}"), vars));
        Assert.Empty(_evaluator.EvaluateList(E("${null}"), vars));
        Assert.Contains("expected an array of strings", Assert.Throws<ExpressionException>(() => _evaluator.EvaluateList(E("${ {a: 1} }"), vars)).Reason);
        Assert.Contains("item 0 is object", Assert.Throws<ExpressionException>(() => _evaluator.EvaluateList(E("${[{}]}"), vars)).Reason);
    }

    [Fact]
    public void EvaluateDate_accepts_dates_iso_text_and_milliseconds()
    {
        var expected = new DateTimeOffset(2024, 3, 10, 8, 30, 0, TimeSpan.Zero);
        var vars = Vars(("due", "2024-03-10T10:30:00+02:00"), ("ms", expected.ToUnixTimeMilliseconds()));

        Assert.Equal(expected, _evaluator.EvaluateDate(E("${due}"), vars));
        Assert.Equal(expected, _evaluator.EvaluateDate(E("${parseDate(due)}"), vars));
        Assert.Equal(expected, _evaluator.EvaluateDate(E("${new Date(Date.UTC(2024, 2, 10, 8, 30))}"), vars));
        Assert.Equal(expected, _evaluator.EvaluateDate(E("${ms}"), vars));
        Assert.Equal(expected, _evaluator.EvaluateDate(E("2024-03-10T08:30:00Z"), vars));
        Assert.Equal(expected, _evaluator.EvaluateDate(E("2024-03-10T08:30:00"), vars));
        Assert.Equal(TimeSpan.Zero, _evaluator.EvaluateDate(E("${due}"), vars)!.Value.Offset);
        Assert.Null(_evaluator.EvaluateDate(E("${null}"), vars));
        Assert.Contains("expected a date", Assert.Throws<ExpressionException>(() => _evaluator.EvaluateDate(E("${'soon'}"), vars)).Reason);
        Assert.Contains("expected a date", Assert.Throws<ExpressionException>(() => _evaluator.EvaluateDate(E("${true}"), vars)).Reason);
    }

    [Fact]
    public void Now_reads_the_injected_time_provider()
    {
        var clock = new FakeTimeProvider(Start);
        var evaluator = Create(time: clock);

        Assert.Equal(Start, evaluator.EvaluateDate(E("${now()}"), Vars()));
        AssertJson("\"2024-05-01T12:00:00.0000000Z\"", evaluator.Evaluate(E("${now()}"), Vars()));

        clock.Advance(TimeSpan.FromHours(3));

        Assert.Equal(Start.AddHours(3), evaluator.EvaluateDate(E("${now()}"), Vars()));
        Assert.Equal(Start.AddHours(3), evaluator.EvaluateDate(E("${new Date()}"), Vars()));
        Assert.Equal(Start.AddHours(3).ToUnixTimeMilliseconds(), evaluator.Evaluate(E("${Date.now()}"), Vars())!.GetValue<long>());
    }

    [Theory]
    [InlineData("${addDays(now(), 2)}", "2024-05-03T12:00:00Z")]
    [InlineData("${addDays('2024-01-30T00:00:00Z', 2)}", "2024-02-01T00:00:00Z")]
    [InlineData("${addDays(start, -1.5)}", "2024-04-30T00:00:00Z")]
    [InlineData("${addHours(start, 36)}", "2024-05-03T00:00:00Z")]
    [InlineData("${addMinutes(now(), 90)}", "2024-05-01T13:30:00Z")]
    [InlineData("${addSeconds(now(), 30)}", "2024-05-01T12:00:30Z")]
    [InlineData("${addDuration(now(), 'P1DT2H')}", "2024-05-02T14:00:00Z")]
    [InlineData("${addDuration(now(), 'PT1.5S')}", "2024-05-01T12:00:01.5Z")]
    [InlineData("${addDuration(now(), 'P2W')}", "2024-05-15T12:00:00Z")]
    [InlineData("${addDuration('2024-01-31T00:00:00Z', 'P1M')}", "2024-02-29T00:00:00Z")]
    [InlineData("${addDuration('2024-02-29T00:00:00Z', 'P1Y')}", "2025-02-28T00:00:00Z")]
    [InlineData("${addDuration(now(), '-P1D')}", "2024-04-30T12:00:00Z")]
    [InlineData("${addDays(now(), 1).getUTCDate()}", null)]
    public void Date_helpers_add_to_dates(string text, string? expectedIso)
    {
        var vars = Vars(("start", "2024-05-01T12:00:00Z"));

        if (expectedIso is null)
        {
            Assert.Equal(2, _evaluator.EvaluateInt(E(text), vars));
            return;
        }

        Assert.Equal(DateTimeOffset.Parse(expectedIso, System.Globalization.CultureInfo.InvariantCulture), _evaluator.EvaluateDate(E(text), vars));
    }

    [Theory]
    [InlineData("${addDuration(now(), 'one day')}", "'one day' is not an ISO-8601 duration")]
    [InlineData("${addDuration(now(), 'PT')}", "is not an ISO-8601 duration")]
    [InlineData("${addDays('tomorrow', 1)}", "'tomorrow' is not an ISO-8601 date")]
    [InlineData("${addDays(now(), 'x')}", "the amount must be a finite number")]
    [InlineData("${parseDate({})}", "expected a Date, an ISO-8601 string or milliseconds")]
    public void Date_helpers_reject_bad_input(string text, string reasonPart)
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate(E(text), Vars()));

        Assert.Contains(reasonPart, ex.Reason);
        Assert.StartsWith("TypeError: ", ex.Reason);
    }

    [Fact]
    public void Constructor_takes_options_from_configuration()
    {
        var evaluator = new ExpressionEvaluator(
            Microsoft.Extensions.Options.Options.Create(new ScriptOptions { MaxStatements = 50 }),
            new FakeTimeProvider(Start));

        var ex = Assert.Throws<ExpressionException>(() => evaluator.Evaluate(E("${(() => { let i = 0; while (true) { i++; } })()}"), Vars()));
        Assert.Equal("statement limit of 50 statements exceeded", ex.Reason);
        Assert.Equal("Engine:Scripts", ScriptOptions.SectionName);
    }

    [Fact]
    public void Concurrent_evaluations_with_different_variables_give_the_right_answers()
    {
        var evaluator = Create();
        var condition = E("${amount > 500 && region === 'eu'}");
        var total = E("${amount * 2 + extra.bonus}");
        var template = E("Order ${id}: ${amount}");
        var errors = new System.Collections.Concurrent.ConcurrentBag<string>();

        Parallel.For(0, 1000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var vars = Vars(
                ("amount", i),
                ("region", i % 2 == 0 ? "eu" : "us"),
                ("id", $"o-{i}"),
                ("extra", new JsonObject { ["bonus"] = i % 7 }));
            try
            {
                var expectedCondition = i > 500 && i % 2 == 0;
                if (evaluator.EvaluateCondition(condition, vars) != expectedCondition)
                {
                    errors.Add($"condition {i}");
                }

                if (evaluator.Evaluate(total, vars)!.GetValue<int>() != i * 2 + i % 7)
                {
                    errors.Add($"total {i}");
                }

                if (evaluator.EvaluateString(template, vars) != $"Order o-{i}: {i}")
                {
                    errors.Add($"template {i}");
                }

                if (i % 10 == 0 && evaluator.EvaluateString(E("${typeof id}"), Vars()) != "undefined")
                {
                    errors.Add($"leak {i}");
                }
            }
            catch (Exception ex)
            {
                errors.Add($"{i}: {ex.Message}");
            }
        });

        Assert.Empty(errors);
    }
}
