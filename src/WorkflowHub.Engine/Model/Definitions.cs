namespace WorkflowHub.Engine.Model;

/// <summary>A timer event definition: one of date, duration or cycle (ISO-8601, cron, or an expression).</summary>
public sealed record TimerDefinition(TimerKind Kind, Expression Value);

/// <summary>camunda:assignee, candidateUsers, candidateGroups, dueDate, followUpDate, priority, formKey.</summary>
public sealed class UserTaskDefinition
{
    public Expression? Assignee { get; init; }
    public Expression? CandidateUsers { get; init; }
    public Expression? CandidateGroups { get; init; }
    public Expression? DueDate { get; init; }
    public Expression? FollowUpDate { get; init; }
    public Expression? Priority { get; init; }
    public string? FormKey { get; init; }
}

/// <summary>
/// How a service or send task does its work: a C# handler by topic (<c>camunda:type="external"</c>
/// with <c>camunda:topic</c>, or <c>camunda:topic</c> alone), or a <c>camunda:expression</c>.
/// </summary>
public sealed class ServiceDefinition
{
    public string? Topic { get; init; }

    /// <summary>
    /// camunda:type="external": without an in-process handler for the topic, the token waits for an external worker
    /// (Camunda 7's external-task protocol) instead of failing.
    /// </summary>
    public bool IsExternal { get; init; }

    /// <summary>camunda:taskPriority of an external task (a number or an expression); 0 when absent.</summary>
    public Expression? TaskPriority { get; init; }

    /// <summary>camunda:delegateExpression / camunda:class: the name of the in-process handler that runs (deploy checks it exists).</summary>
    public string? Delegate { get; init; }

    /// <summary>camunda:field: fixed inputs handed to the handler.</summary>
    public IReadOnlyList<FieldInjection> Fields { get; init; } = [];
    public Expression? Expression { get; init; }
    public string? ResultVariable { get; init; }
}

/// <summary>A script task's script (JavaScript only) and where its result goes.</summary>
public sealed class ScriptDefinition
{
    public required string Format { get; init; }
    public required string Source { get; init; }
    public string? ResultVariable { get; init; }
}

/// <summary>A call activity's callee and the variables passed in and out (camunda:in / camunda:out).</summary>
public sealed class CallActivityDefinition
{
    public required Expression CalledElement { get; init; }
    public IReadOnlyList<VariableMapping> In { get; init; } = [];
    public IReadOnlyList<VariableMapping> Out { get; init; } = [];
    /// <summary>camunda:in businessKey="#{execution.processBusinessKey}" was given.</summary>
    public bool PassBusinessKey { get; init; }

    /// <summary>camunda:calledElementBinding: latest (default), deployment, version or versionTag.</summary>
    public CalledElementBinding Binding { get; init; }

    /// <summary>camunda:calledElementVersion (binding version) or camunda:calledElementVersionTag (binding versionTag).</summary>
    public Expression? BindingValue { get; init; }
}

/// <summary>Which version of the called process a call activity starts (Camunda's calledElementBinding).</summary>
public enum CalledElementBinding
{
    Latest,
    /// <summary>The version that was the latest when the calling definition was deployed.</summary>
    Deployment,
    Version,
    VersionTag,
}

/// <summary>One camunda:in / camunda:out: <c>variables="all"</c>, or source (or sourceExpression) to target.</summary>
public sealed record VariableMapping(string? Source, Expression? SourceExpression, string? Target, bool All);

/// <summary>multiInstanceLoopCharacteristics with camunda:collection / elementVariable.</summary>
public sealed class MultiInstanceDefinition
{
    public bool IsSequential { get; init; }
    public Expression? LoopCardinality { get; init; }
    public Expression? Collection { get; init; }
    public string? ElementVariable { get; init; }
    public Expression? CompletionCondition { get; init; }
}

/// <summary>camunda:inputOutput: parameters evaluated into the activity's local scope on entry, and out on leave.</summary>
public sealed class IoMapping
{
    public IReadOnlyList<IoParameter> Inputs { get; init; } = [];
    public IReadOnlyList<IoParameter> Outputs { get; init; } = [];
}

/// <summary>One inputParameter or outputParameter: a name and a value (text with ${...}, or a list or map of them).</summary>
public sealed record IoParameter(string Name, IoValue Value);

/// <summary>The value of an input/output parameter.</summary>
public abstract record IoValue;
public sealed record IoText(Expression Value) : IoValue;
public sealed record IoList(IReadOnlyList<IoValue> Items) : IoValue;
public sealed record IoMap(IReadOnlyList<KeyValuePair<string, IoValue>> Entries) : IoValue;
public sealed record IoScript(string Format, string Source) : IoValue;

/// <summary>
/// A field a user task (or start event) declares for its form: <c>camunda:formField</c> in <c>camunda:formData</c>,
/// or <c>activiti:formProperty</c>/<c>flowable:formProperty</c>. The console renders them when there is no formKey,
/// and they are the variables a completion may write. <see cref="Type"/> is as written (string, long, boolean, date,
/// enum, ...); <see cref="Values"/> are an enum's choices.
/// </summary>
public sealed record FormField(
    string Id,
    string? Label,
    string Type,
    bool Required,
    string? DefaultValue,
    IReadOnlyList<FormFieldValue> Values,
    bool Readable = true,
    bool Writable = true);

/// <summary>One choice of an enum form field: its stored value and its label.</summary>
public sealed record FormFieldValue(string Id, string? Name);

/// <summary>One camunda:field: a name and a value (literal or expression) given to a handler.</summary>
public sealed record FieldInjection(string Name, Expression Value);

/// <summary>
/// A camunda:executionListener (events start, end, take) or camunda:taskListener (create, assignment, complete,
/// delete): an expression, a JavaScript script, or an in-process handler named by delegateExpression or class.
/// </summary>
public sealed record ListenerDefinition(bool IsTaskListener, string Event, Expression? Expression, string? Script, string? Delegate,
    IReadOnlyList<FieldInjection> Fields);
