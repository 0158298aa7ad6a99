using System.Globalization;
using System.Text.Json.Nodes;
using Acornima.Ast;
using Jint;
using JintEngine = Jint.Engine;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace WorkflowHub.Engine.Expressions;

/// <summary>
/// One sandboxed Jint engine plus the state of the evaluation it is running. Used by one thread at a time.
/// </summary>
/// <remarks>
/// Two kinds exist. A <em>fresh</em> engine runs one evaluation and is thrown away (scripts, and the rare
/// expression whose variable shadows a built-in global). A <em>hardened</em> engine is pooled and reused for
/// expressions: at creation every intrinsic reachable from script is deep-frozen and every built-in global is
/// made read-only and non-configurable, so an evaluation can change nothing but the global object's own new
/// properties; <see cref="TryReset"/> deletes those (the variables bound for the run and anything the code
/// added) and refuses the engine for reuse if it cannot restore the baseline exactly.
/// </remarks>
internal sealed class SandboxEngine : IDisposable
{
    /// <summary>Globals a workflow expression has no use for and that only widen the sandbox.</summary>
    private static readonly string[] RemovedGlobals =
        ["ShadowRealm", "WeakRef", "FinalizationRegistry", "SharedArrayBuffer", "Atomics"];

    /// <summary>RegExp's legacy static properties (RegExp.$1, lastMatch...) keep the last match: a cross-run channel.</summary>
    private static readonly string[] RegExpLegacyStatics =
        ["input", "$_", "lastMatch", "$&", "lastParen", "$+", "leftContext", "$`", "rightContext", "$'",
         "$1", "$2", "$3", "$4", "$5", "$6", "$7", "$8", "$9"];

    /// <summary>
    /// Intrinsics that are not reachable by walking the global object's properties, one tiny program each so
    /// that every one runs within even a very small statement budget (a missing feature is simply skipped).
    /// </summary>
    private static readonly Prepared<Script>[] HiddenIntrinsics =
    [
        .. new[]
        {
            "Object.getPrototypeOf(function* () {})",
            "Object.getPrototypeOf(async function () {})",
            "Object.getPrototypeOf(async function* () {})",
            "Object.getPrototypeOf((function* () {})())",
            "Object.getPrototypeOf((async function* () {})())",
            "Object.getPrototypeOf([][Symbol.iterator]())",
            "Object.getPrototypeOf(new Map()[Symbol.iterator]())",
            "Object.getPrototypeOf(new Set()[Symbol.iterator]())",
            "Object.getPrototypeOf(''[Symbol.iterator]())",
            "Object.getPrototypeOf(/a/[Symbol.matchAll]('a'))",
            "Object.getPrototypeOf([].values().map((x) => x))",
            "Object.getPrototypeOf(Iterator.from({ next() { return { done: true }; } }))",
            "Object.getPrototypeOf(new Intl.Segmenter().segment(''))",
            "Object.getPrototypeOf(new Intl.Segmenter().segment('')[Symbol.iterator]())",
            "Object.getPrototypeOf(Int8Array)",
        }.Select(code => JintEngine.PrepareScript(code, "lockdown", strict: true)),
    ];

    private readonly List<string> _bound = [];
    private HashSet<string>? _baselineNames;
    private List<JsValue>? _baselineSymbols;
    private int _baselineKeyCount;
    private ObjectInstance? _baselinePrototype;

    private SandboxEngine(JintEngine engine, bool hardened)
    {
        Engine = engine;
        IsHardened = hardened;
    }

    public JintEngine Engine { get; }

    /// <summary>True for a pooled engine whose intrinsics are frozen.</summary>
    public bool IsHardened { get; }

    /// <summary>The variables of the current run (for <c>execution.getVariable</c>).</summary>
    public IVariableResolver? Resolver { get; set; }

    /// <summary>The script task's callback for <c>execution.setVariable</c>; null outside scripts.</summary>
    public Action<string, JsonNode?>? SetVariableCallback { get; set; }

    /// <summary>Values set by <c>execution.setVariable</c> during this run, seen by <c>getVariable</c>.</summary>
    public Dictionary<string, JsonNode?>? SetVariables { get; set; }

    /// <summary>Most values a JS → JSON conversion may produce.</summary>
    public int MaxJsonNodes { get; init; }

    public static SandboxEngine Create(ScriptOptions options, TimeProvider time, ITimeSystem timeSystem, bool hardened, bool strict, IReadOnlyList<IExpressionFunction> hostFunctions)
    {
        var engine = new JintEngine(o =>
        {
            o.Strict = strict;
            o.Interop.Enabled = false;
            o.Host.StringCompilationAllowed = false;
            o.AgentCanSuspend = false;
            o.TimeSystem = timeSystem;
            o.TimeZone = TimeZoneInfo.Utc;
            o.Culture = CultureInfo.InvariantCulture;
            o.TimeoutInterval(TimeSpan.FromMilliseconds(options.TimeoutMilliseconds));
            o.LimitMemory(options.MemoryLimitBytes);
            o.LimitRecursion(options.RecursionLimit);
            o.MaxStatements(options.MaxStatements);
            o.Constraints.RegexTimeout = TimeSpan.FromMilliseconds(options.TimeoutMilliseconds);
            o.Constraints.StackOverflowGuard = true;
        });

        var sandbox = new SandboxEngine(engine, hardened)
        {
            MaxJsonNodes = (int)Math.Clamp(options.MemoryLimitBytes / 32, 10_000, 10_000_000),
        };

        var global = engine.Global;
        foreach (var name in RemovedGlobals)
        {
            global.Delete(name);
        }

        ScriptHelpers.Install(engine, time, hostFunctions);
        engine.Global.FastSetProperty(
            "execution",
            PropertyDescriptor.CreateLazy(sandbox.CreateExecution, PropertyFlag.Writable | PropertyFlag.Configurable));

        if (hardened)
        {
            var regExp = engine.Intrinsics.RegExp;
            foreach (var name in RegExpLegacyStatics)
            {
                regExp.Delete(name);
            }

            sandbox.Lockdown();
            sandbox.CaptureBaseline();
        }

        return sandbox;
    }

    /// <summary>True when <paramref name="name"/> is a built-in global of this hardened engine.</summary>
    public bool IsBaselineGlobal(string name) => _baselineNames?.Contains(name) == true;

    /// <summary>Defines a variable as a global property for the current run.</summary>
    public void Bind(string name, JsonNode? value)
    {
        var jsValue = JsConversions.ToJs(Engine, value);
        if (Engine.Global.DefineOwnProperty(name, new PropertyDescriptor(jsValue, PropertyFlag.ConfigurableEnumerableWritable)))
        {
            _bound.Add(name);
        }
    }

    /// <summary>
    /// Restores a hardened engine to its baseline after a run. False when that is impossible (the run made a
    /// global non-deletable, changed the global object's prototype or extensibility): the engine must be dropped.
    /// </summary>
    /// <param name="scanGlobals">
    /// Whether the run may have added global properties of its own. Strict code without declarations (an
    /// expression) can only reach the global object through <c>globalThis</c> or a top-level <c>this</c>; the
    /// caller passes false when the code names neither, which skips the scan of every global key.
    /// </param>
    public bool TryReset(bool scanGlobals)
    {
        Resolver = null;
        SetVariableCallback = null;
        SetVariables = null;
        var global = Engine.Global;
        var clean = true;
        foreach (var name in _bound)
        {
            clean &= global.Delete(name);
        }

        _bound.Clear();
        if (!IsHardened || !clean)
        {
            return false;
        }

        if (!scanGlobals)
        {
            return ReferenceEquals(global.Prototype, _baselinePrototype) && global.Extensible;
        }

        var keys = global.GetOwnPropertyKeys(Types.String | Types.Symbol);
        if (keys.Count != _baselineKeyCount)
        {
            foreach (var key in keys)
            {
                var isBaseline = key.IsSymbol()
                    ? _baselineSymbols!.Exists(s => ReferenceEquals(s, key))
                    : _baselineNames!.Contains(key.ToString());
                if (!isBaseline && !global.Delete(key))
                {
                    return false;
                }
            }

            if (global.GetOwnPropertyKeys(Types.String | Types.Symbol).Count != _baselineKeyCount)
            {
                return false;
            }
        }

        return ReferenceEquals(global.Prototype, _baselinePrototype) && global.Extensible;
    }

    public void Dispose() => Engine.Dispose();

    private JsValue CreateExecution()
    {
        var engine = Engine;
        var execution = new JsObject(engine);
        DefineMethod(execution, "getVariable", 1, (_, args) =>
        {
            var name = VariableName(args, "getVariable");
            return TryGetVariable(name, out var value) ? JsConversions.ToJs(engine, value) : JsValue.Null;
        });
        DefineMethod(execution, "hasVariable", 1, (thisObj, args) =>
            TryGetVariable(VariableName(args, "hasVariable"), out _) ? JsBoolean.True : JsBoolean.False);
        DefineMethod(execution, "setVariable", 2, (_, args) =>
        {
            var name = VariableName(args, "setVariable");
            var callback = SetVariableCallback
                ?? throw new JavaScriptException(engine.Intrinsics.TypeError, "execution.setVariable is only available in scripts");
            JsonNode? json;
            try
            {
                json = JsConversions.ToJson(args.Length > 1 ? args[1] : JsValue.Undefined, MaxJsonNodes);
            }
            catch (JsConversionException ex)
            {
                throw new JavaScriptException(engine.Intrinsics.TypeError, $"execution.setVariable('{name}'): {ex.Message}");
            }

            (SetVariables ??= new Dictionary<string, JsonNode?>(StringComparer.Ordinal))[name] = json;
            callback(name, json?.DeepClone());
            return JsValue.Undefined;
        });
        return execution;
    }

    private bool TryGetVariable(string name, out JsonNode? value)
    {
        if (SetVariables is not null && SetVariables.TryGetValue(name, out value))
        {
            return true;
        }

        value = null;
        return Resolver is not null && Resolver.TryGet(name, out value);
    }

    private string VariableName(JsValue[] args, string method)
    {
        var arg = args.Length > 0 ? args[0] : JsValue.Undefined;
        if (!arg.IsString() || arg.ToString().Length == 0)
        {
            throw new JavaScriptException(Engine.Intrinsics.TypeError, $"execution.{method}: the variable name must be a non-empty string");
        }

        return arg.ToString();
    }

    private void DefineMethod(ObjectInstance target, string name, int length, Func<JsValue, JsValue[], JsValue> body)
    {
        var function = new ClrFunction(Engine, name, body, length, PropertyFlag.Configurable);
        target.FastSetProperty(name, new PropertyDescriptor(function, PropertyFlag.Writable | PropertyFlag.Configurable));
    }

    /// <summary>
    /// Deep-freezes every object reachable from the global object and the hidden intrinsics, then makes every
    /// global property read-only and non-configurable (the global object itself stays extensible for variables).
    /// Runs through host calls, so the evaluation limits do not count it.
    /// </summary>
    private void Lockdown()
    {
        var engine = Engine;
        var global = engine.Global;
        var freeze = engine.Intrinsics.Object.Get("freeze");
        var pending = new Stack<JsValue>();
        pending.Push(global);
        foreach (var script in HiddenIntrinsics)
        {
            try
            {
                pending.Push(engine.Evaluate(script));
            }
            catch (JintException)
            {
                // Not supported by this Jint version, or the configured limits are too small to get there.
            }
        }

        var seen = new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance);
        while (pending.TryPop(out var value))
        {
            if (value is not ObjectInstance obj || !seen.Add(obj))
            {
                continue;
            }

            if (!ReferenceEquals(obj, global))
            {
                engine.Call(freeze, JsValue.Undefined, [obj]);
            }

            if (obj.Prototype is { } prototype)
            {
                pending.Push(prototype);
            }

            foreach (var (_, descriptor) in obj.GetOwnProperties())
            {
                if (descriptor.IsAccessorDescriptor())
                {
                    pending.Push(descriptor.Get ?? JsValue.Undefined);
                    pending.Push(descriptor.Set ?? JsValue.Undefined);
                }
                else
                {
                    pending.Push(descriptor.Value);
                }
            }
        }

        foreach (var key in global.GetOwnPropertyKeys(Types.String | Types.Symbol))
        {
            var descriptor = global.GetOwnProperty(key);
            if (!descriptor.Configurable)
            {
                continue;
            }

            var locked = descriptor.IsAccessorDescriptor()
                ? new GetSetPropertyDescriptor(descriptor.Get, descriptor.Set, descriptor.Enumerable, configurable: false)
                : new PropertyDescriptor(descriptor.Value, writable: false, descriptor.Enumerable, configurable: false);
            global.DefineOwnProperty(key, locked);
        }
    }

    private void CaptureBaseline()
    {
        var global = Engine.Global;
        var keys = global.GetOwnPropertyKeys(Types.String | Types.Symbol);
        _baselineKeyCount = keys.Count;
        _baselineNames = new HashSet<string>(StringComparer.Ordinal);
        _baselineSymbols = [];
        foreach (var key in keys)
        {
            if (key.IsSymbol())
            {
                _baselineSymbols.Add(key);
            }
            else
            {
                _baselineNames.Add(key.ToString());
            }
        }

        _baselinePrototype = global.Prototype;
    }
}
