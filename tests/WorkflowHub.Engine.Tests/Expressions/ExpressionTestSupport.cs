using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using WorkflowHub.Engine.Expressions;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Tests.Expressions;

internal static class ExpressionTestSupport
{
    public static readonly DateTimeOffset Start = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public static ExpressionEvaluator Create(ScriptOptions? options = null, TimeProvider? time = null) =>
        new(options ?? new ScriptOptions(), time ?? new FakeTimeProvider(Start));

    public static DictionaryVariableResolver Vars(params (string Name, JsonNode? Value)[] variables) =>
        new(variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal));

    public static Expression E(string text) => new(text);

    public static void AssertJson(string expectedJson, JsonNode? actual) =>
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(expectedJson), actual),
            $"expected {expectedJson} but got {actual?.ToJsonString() ?? "null"}");
}
