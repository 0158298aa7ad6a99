using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Acornima.Ast;
using Expression = WorkflowHub.Engine.Model.Expression;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Microsoft.Extensions.Options;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Expressions;

/// <summary>
/// Evaluates <c>${...}</c> expressions and script-task scripts as sandboxed JavaScript (Jint). Thread-safe.
/// </summary>
/// <remarks>
/// <para><b>Expressions.</b> A text without <c>${</c> is a literal and is its own value. A text that is exactly one
/// <c>${...}</c> (surrounding whitespace allowed) yields the JavaScript value of the code between the braces,
/// which must be a single JavaScript expression (not statements). Any other text is a template: the pieces
/// are concatenated, each <c>${...}</c> converted with JavaScript's <c>String(value)</c> and null/undefined
/// giving the empty string. Expressions run in strict mode.</para>
/// <para><b>Variables</b> are globals holding copies of their JSON values (object, array, string, number,
/// boolean, null): changing them in code changes nothing outside. Referring to an identifier that is neither
/// a variable nor a built-in is an error (<c>unknown variable 'x'</c>), as in Camunda; <c>typeof x</c> is the
/// way to test for an optional variable, as is <c>execution.getVariable('x')</c> (null when absent).
/// Only the variables the code names are converted, so large unrelated variables cost nothing.</para>
/// <para><b>Helpers</b> available in every expression and script (all work in UTC):</para>
/// <list type="bullet">
/// <item><c>now()</c>: the current time, a JS <c>Date</c> from the injected <see cref="TimeProvider"/>
/// (<c>new Date()</c> and <c>Date.now()</c> read the same clock).</item>
/// <item><c>parseDate(d)</c>: a <c>Date</c> from an ISO-8601 string (no offset means UTC), a <c>Date</c>, or
/// milliseconds since 1970.</item>
/// <item><c>addSeconds(d, n)</c>, <c>addMinutes(d, n)</c>, <c>addHours(d, n)</c>, <c>addDays(d, n)</c>: a new
/// <c>Date</c> <c>n</c> units (may be negative or fractional) after <c>d</c>, where <c>d</c> is anything
/// <c>parseDate</c> accepts.</item>
/// <item><c>addDuration(d, 'P1DT2H')</c>: a new <c>Date</c> an ISO-8601 duration after <c>d</c>
/// (<c>[-]PnYnMnWnDTnHnMnS</c>; years and months follow the calendar).</item>
/// <item>The host's <see cref="IExpressionFunction"/>s, by their names (the server's working-day calendar).</item>
/// <item><c>execution.getVariable(name)</c> (null when absent), <c>execution.hasVariable(name)</c>, and in
/// scripts <c>execution.setVariable(name, value)</c>.</item>
/// </list>
/// <para><b>Sandbox.</b> No CLR access (no <c>System</c>, <c>importNamespace</c>, <c>require</c>), no
/// <c>eval</c>/<c>Function(string)</c>; each evaluation is bounded by <see cref="ScriptOptions"/> (time,
/// statements, recursion, memory, and the time budget also bounds each regular-expression match). Any failure
/// is an <see cref="ExpressionException"/>. Built-in objects are frozen in expressions (so assigning an
/// inherited name such as <c>obj.toString = f</c> fails; define it in the literal instead).</para>
/// <para><b>Results</b> are converted to JSON from data properties only: a <c>Date</c> becomes an ISO-8601 UTC
/// string ("o" format), undefined becomes null, functions and symbols are dropped, NaN/Infinity become null.</para>
/// <para><b>Performance.</b> Each distinct text is parsed once (bounded cache). Expressions run on a small pool
/// of hardened engines that are reset between evaluations; scripts, which may declare top-level bindings that
/// cannot be removed, run on a fresh engine each time.</para>
/// </remarks>
internal sealed partial class ExpressionEvaluator
{
    private const int MaxCachedExpressions = 10_000;
    private const int MaxCachedScripts = 1_000;

    private static readonly ScriptPreparationOptions PreparationOptions = new() { CollectReferencedGlobals = true };

    private readonly ScriptOptions _options;
    private readonly TimeProvider _time;
    private readonly UtcTimeSystem _timeSystem;
    private readonly IReadOnlyList<IExpressionFunction> _functions;
    private readonly BoundedCache<CompiledCode> _expressions = new(MaxCachedExpressions);
    private readonly BoundedCache<CompiledCode> _scripts = new(MaxCachedScripts);
    private readonly ConcurrentQueue<SandboxEngine> _pool = new();
    private readonly int _maxPooled = Math.Max(2, Environment.ProcessorCount * 2);
    private int _pooledCount;

    public ExpressionEvaluator(IOptions<ScriptOptions> options, TimeProvider timeProvider, IEnumerable<IExpressionFunction>? functions = null)
        : this(options?.Value!, timeProvider, functions)
    {
    }

    internal ExpressionEvaluator(ScriptOptions options, TimeProvider? timeProvider = null, IEnumerable<IExpressionFunction>? functions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.TimeoutMilliseconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MemoryLimitBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.RecursionLimit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxStatements);
        _options = new ScriptOptions
        {
            TimeoutMilliseconds = options.TimeoutMilliseconds,
            MemoryLimitBytes = options.MemoryLimitBytes,
            RecursionLimit = options.RecursionLimit,
            MaxStatements = options.MaxStatements,
        };
        _time = timeProvider ?? TimeProvider.System;
        _timeSystem = new UtcTimeSystem(_time);
        _functions = ScriptHelpers.CheckHostFunctions(functions);
    }

    // ================================================================== public API

    /// <summary>
    /// The value of <paramref name="expr"/>: a literal's text as a JSON string, one <c>${...}</c>'s JavaScript value
    /// as JSON (null for null/undefined), a template's concatenated text as a JSON string.
    /// </summary>
    public JsonNode? Evaluate(Expression expr, IVariableResolver vars) =>
        Run(expr, vars, static text => JsonValue.Create(text), (sandbox, value) => JsConversions.ToJson(value, sandbox.MaxJsonNodes));

    /// <summary>A condition: the value must be a boolean (a literal may be the text <c>true</c> or <c>false</c>).</summary>
    public bool EvaluateCondition(Expression expr, IVariableResolver vars) =>
        Run(
            expr,
            vars,
            static text => text.Trim().ToLowerInvariant() switch
            {
                "true" => true,
                "false" => false,
                _ => throw new ValueException($"expected a boolean but got the text '{text}'"),
            },
            static (_, value) => value.IsBoolean()
                ? value.AsBoolean()
                : throw new ValueException($"expected a boolean but got {JsConversions.Describe(value)}"));

    /// <summary>
    /// The value as text: null for null/undefined, a Date as ISO-8601 UTC, an object or array as JSON text,
    /// anything else as JavaScript's <c>String(value)</c>.
    /// </summary>
    public string? EvaluateString(Expression expr, IVariableResolver vars) =>
        Run(expr, vars, static text => text, static (sandbox, value) => ToText(sandbox, value));

    /// <summary>
    /// A date: a JS Date, an ISO-8601 string (no offset means UTC) or milliseconds since 1970; null for null,
    /// undefined or an empty text. Returned in UTC.
    /// </summary>
    public DateTimeOffset? EvaluateDate(Expression expr, IVariableResolver vars) =>
        Run(expr, vars, static text => ParseDateText(text), static (_, value) => ToDate(value));

    /// <summary>
    /// A list of names (candidate users or groups): a JS array of strings (numbers are accepted) or a
    /// comma-separated text, split and trimmed; empty entries are dropped; null/undefined give an empty list.
    /// </summary>
    public IReadOnlyList<string> EvaluateList(Expression expr, IVariableResolver vars) =>
        Run(expr, vars, static text => SplitList(text), static (_, value) => ToList(value));

    /// <summary>An integer: a whole JS number or a text holding one; null for null, undefined or an empty text.</summary>
    public int? EvaluateInt(Expression expr, IVariableResolver vars) =>
        Run(expr, vars, static text => ParseIntText(text), static (_, value) => ToInt(value));

    /// <summary>
    /// Runs a script task's script. Variables are globals; <c>execution.getVariable(name)</c>,
    /// <c>execution.hasVariable(name)</c> and <c>execution.setVariable(name, value)</c> are available, the
    /// latter calling <paramref name="setVariable"/> with the value converted to JSON. Returns the script's
    /// completion value (the value of its last expression statement) as JSON, for <c>camunda:resultVariable</c>.
    /// Scripts run in sloppy mode on a fresh engine.
    /// </summary>
    public JsonNode? RunScript(string source, IVariableResolver vars, Action<string, JsonNode?> setVariable)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(vars);
        ArgumentNullException.ThrowIfNull(setVariable);
        var compiled = _scripts.GetOrAdd(source, CompileScript);
        if (compiled.Error is not null)
        {
            throw new ExpressionException(source, compiled.Error);
        }

        SandboxEngine? sandbox = null;
        try
        {
            sandbox = SandboxEngine.Create(_options, _time, _timeSystem, hardened: false, strict: false, _functions);
            sandbox.Resolver = vars;
            sandbox.SetVariableCallback = setVariable;
            BindVariables(sandbox, compiled, vars);
            var result = Execute(sandbox, compiled.Script);
            return JsConversions.ToJson(result, sandbox.MaxJsonNodes);
        }
        catch (Exception ex) when (ex is not ExpressionException)
        {
            throw Translate(source, ex);
        }
        finally
        {
            sandbox?.Dispose();
        }
    }


    private T Run<T>(Expression expr, IVariableResolver vars, Func<string, T> fromLiteral, Func<SandboxEngine, JsValue, T> fromValue)
    {
        ArgumentNullException.ThrowIfNull(expr);
        ArgumentNullException.ThrowIfNull(vars);
        if (expr.IsLiteral)
        {
            try
            {
                return fromLiteral(expr.Text);
            }
            catch (ValueException ex)
            {
                throw new ExpressionException(expr.Text, ex.Message);
            }
        }

        var compiled = _expressions.GetOrAdd(expr.Text, CompileExpression);
        if (compiled.Error is not null)
        {
            throw new ExpressionException(expr.Text, compiled.Error);
        }

        SandboxEngine sandbox;
        var pooled = true;
        try
        {
            sandbox = Rent();
            if (ShadowsBuiltIn(sandbox, compiled, vars))
            {
                // A variable named like a built-in global (frozen in the pooled engines) must shadow it: use a
                // throw-away engine where the built-ins can be replaced.
                Return(sandbox);
                sandbox = SandboxEngine.Create(_options, _time, _timeSystem, hardened: false, strict: true, _functions);
                pooled = false;
            }
        }
        catch (Exception ex)
        {
            throw Translate(expr.Text, ex);
        }

        var reusable = pooled;
        try
        {
            sandbox.Resolver = vars;
            BindVariables(sandbox, compiled, vars);
            var result = Execute(sandbox, compiled.Script);
            return fromValue(sandbox, result);
        }
        catch (Exception ex) when (ex is not ExpressionException)
        {
            // After a limit was hit the engine may be mid-way through anything: never reuse it.
            reusable &= ex is JavaScriptException or ValueException or JsConversionException;
            throw Translate(expr.Text, ex);
        }
        finally
        {
            if (reusable && sandbox.TryReset(compiled.MayTouchGlobalObject))
            {
                Return(sandbox);
            }
            else
            {
                sandbox.Dispose();
            }
        }
    }

    private JsValue Execute(SandboxEngine sandbox, Prepared<Script> script)
    {
        // Jint checks its allocation budget between statements; one built-in call ('x'.repeat(n)) can allocate a
        // lot before the next check, so the whole run is measured once more here.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = sandbox.Engine.Evaluate(script);
        if (GC.GetAllocatedBytesForCurrentThread() - before > _options.MemoryLimitBytes)
        {
            throw new LimitException(MemoryLimitMessage());
        }

        return result;
    }

    private static void BindVariables(SandboxEngine sandbox, CompiledCode compiled, IVariableResolver vars)
    {
        if (compiled.BindAll)
        {
            foreach (var name in vars.Names)
            {
                if (vars.TryGet(name, out var value))
                {
                    sandbox.Bind(name, value);
                }
            }

            return;
        }

        foreach (var name in compiled.Names)
        {
            if (vars.TryGet(name, out var value))
            {
                sandbox.Bind(name, value);
            }
        }
    }

    private static bool ShadowsBuiltIn(SandboxEngine sandbox, CompiledCode compiled, IVariableResolver vars)
    {
        IEnumerable<string> names = compiled.BindAll ? vars.Names : compiled.Names;
        foreach (var name in names)
        {
            if (sandbox.IsBaselineGlobal(name) && vars.TryGet(name, out _))
            {
                return true;
            }
        }

        return false;
    }

    private SandboxEngine Rent()
    {
        if (_pool.TryDequeue(out var sandbox))
        {
            Interlocked.Decrement(ref _pooledCount);
            return sandbox;
        }

        return SandboxEngine.Create(_options, _time, _timeSystem, hardened: true, strict: true, _functions);
    }

    private void Return(SandboxEngine sandbox)
    {
        if (Interlocked.Increment(ref _pooledCount) <= _maxPooled)
        {
            _pool.Enqueue(sandbox);
        }
        else
        {
            Interlocked.Decrement(ref _pooledCount);
            sandbox.Dispose();
        }
    }
}
