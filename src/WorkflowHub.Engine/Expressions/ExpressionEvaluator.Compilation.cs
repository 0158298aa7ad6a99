using System.Text.Json;
using Acornima.Ast;
using Jint;
using JintEngine = Jint.Engine;
using Jint.Runtime;

namespace WorkflowHub.Engine.Expressions;

/// <summary>Parsing and caching the code of expressions and scripts.</summary>
internal sealed partial class ExpressionEvaluator
{
    private sealed class CompiledCode
    {
        public Prepared<Script> Script { get; init; }

        /// <summary>The free identifiers the code names: the variables to bind.</summary>
        public string[] Names { get; init; } = [];

        /// <summary>The code reaches globals dynamically (globalThis): bind every variable.</summary>
        public bool BindAll { get; init; }

        /// <summary>The code may reach the global object (names globalThis or this), so it may add globals.</summary>
        public bool MayTouchGlobalObject { get; init; }

        public string? Error { get; init; }
    }

    private static CompiledCode CompileExpression(string text)
    {
        var parts = ExpressionTemplate.Split(text, out var splitError);
        if (splitError is not null)
        {
            return new CompiledCode { Error = splitError };
        }

        var codeParts = parts.Count(p => p.IsCode);
        var onlyWhitespaceAround = parts.All(p => p.IsCode || string.IsNullOrWhiteSpace(p.Text));
        if (codeParts == 1 && onlyWhitespaceAround)
        {
            var code = parts.First(p => p.IsCode).Text;
            var error = ValidateSingleExpression(code);
            return error is not null ? new CompiledCode { Error = error } : Prepare(WrapExpression(code), strict: true);
        }

        // A template: "lit" + str((code)) + ... evaluated as one program. The conversion is written inline
        // so that it depends on no global a variable could shadow.
        var source = new System.Text.StringBuilder("(\"\"");
        foreach (var part in parts)
        {
            if (part.IsCode)
            {
                var error = ValidateSingleExpression(part.Text);
                if (error is not null)
                {
                    return new CompiledCode { Error = error };
                }

                source.Append(" + ((v) => v == null ? \"\" : `${v}`)(").Append(WrapExpression(part.Text)).Append(')');
            }
            else
            {
                source.Append(" + ").Append(JsonSerializer.Serialize(part.Text));
            }
        }

        source.Append(')');
        return Prepare(source.ToString(), strict: true);
    }

    /// <summary>Why an expression text (with its <c>${...}</c> placeholders) does not compile, or null; for deployment.</summary>
    internal static string? SyntaxError(string text) => CompileExpression(text).Error;

    /// <summary>Why a script does not compile, or null; for deployment.</summary>
    internal static string? ScriptSyntaxError(string source) => CompileScript(source).Error;

    private static CompiledCode CompileScript(string source) => Prepare(source, strict: false, name: "script");

    private static string WrapExpression(string code) => "(" + code + "\n)";

    /// <summary>Null when <paramref name="code"/> is exactly one JavaScript expression, else the reason.</summary>
    private static string? ValidateSingleExpression(string code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return "empty expression '${}'";
        }

        if (TryParse(WrapExpression(code), strict: true, out var wrapped, out _))
        {
            return wrapped.Program is { Body: [ExpressionStatement] } ? null : NotAnExpression(code);
        }

        // Report the error against the code as written, so that line and column are right.
        return TryParse(code, strict: true, out _, out var error) ? NotAnExpression(code) : error;
    }

    private static string NotAnExpression(string code) =>
        $"'{code.Trim()}' is not a single JavaScript expression (statements are only allowed in scripts)";

    private static CompiledCode Prepare(string source, bool strict, string name = "expression")
    {
        if (!TryParse(source, strict, out var script, out var error, name))
        {
            return new CompiledCode { Error = error };
        }

        var globals = script.ReferencedGlobals;
        var names = globals is null ? [] : globals.ToArray();
        return new CompiledCode
        {
            Script = script,
            Names = names,
            BindAll = globals is null || globals.HasDirectEvalCall || globals.Contains("globalThis"),
            MayTouchGlobalObject = globals is null || globals.Contains("globalThis") || source.Contains("this", StringComparison.Ordinal),
        };
    }

    private static bool TryParse(string source, bool strict, out Prepared<Script> script, out string? error, string name = "expression")
    {
        try
        {
            script = JintEngine.PrepareScript(source, name, strict, PreparationOptions);
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is JintException or InsufficientExecutionStackException)
        {
            script = default;
            error = "syntax error: " + StripPrefix(ex.Message, "Could not prepare script: ");
            if (ex.InnerException is InsufficientExecutionStackException || ex is InsufficientExecutionStackException)
            {
                error = "the code is nested too deeply to parse";
            }

            return false;
        }
    }
}
