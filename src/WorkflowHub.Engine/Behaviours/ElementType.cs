using System.Xml.Linq;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Parsing;

namespace WorkflowHub.Engine.Behaviours;

/// <summary>What the engine needs to know about an element type besides its behaviour.</summary>
[Flags]
internal enum ElementTraits
{
    None = 0,
    /// <summary>A task, sub-process or call activity: carries boundary events, loops and compensation markers.</summary>
    Activity = 1,
    /// <summary>A token may stop here and end the step (a cycle through it is not a busy loop).</summary>
    WaitState = 2,
    /// <summary>Holds a scope of its own (its child elements are compiled as an inner scope).</summary>
    Scope = 4,
}

/// <summary>
/// The deploy-time rules of an element type, kept beside its behaviour: <see cref="Check"/> refuses what of the element
/// (event definition, attributes) the engine cannot execute; <see cref="Validate"/> checks it once its scope's flows are
/// wired. Both default to nothing.
/// </summary>
internal interface IElementRules
{
    static virtual void Check(NodeDraft draft, EventDefinition definition)
    {
    }

    static virtual void Validate(ScopeCheck check, FlowNode node)
    {
    }
}

/// <summary>One registration of <see cref="ElementTypes.All"/>: an XML element (and optional predicate) → kind, traits, behaviour, rules.</summary>
internal sealed class ElementType
{
    private ElementType(string xmlName, ElementKind kind, ElementTraits traits, Type behaviour, Func<XElement, bool>? when,
        Action<NodeDraft, EventDefinition> check, Action<ScopeCheck, FlowNode> validate)
    {
        XmlName = xmlName;
        Kind = kind;
        Traits = traits;
        Behaviour = behaviour;
        When = when;
        Check = check;
        Validate = validate;
    }

    /// <summary>The BPMN element's local name, e.g. "userTask".</summary>
    public string XmlName { get; }
    public ElementKind Kind { get; }
    public ElementTraits Traits { get; }

    /// <summary>The behaviour class; one instance per class is made (from DI when it has dependencies).</summary>
    public Type Behaviour { get; }

    /// <summary>Narrows the XML name (e.g. a subProcess with triggeredByEvent="true"); null matches every element of the name.</summary>
    public Func<XElement, bool>? When { get; }

    public Action<NodeDraft, EventDefinition> Check { get; }
    public Action<ScopeCheck, FlowNode> Validate { get; }

    public bool Is(ElementTraits trait) => (Traits & trait) == trait;

    public static ElementType Of<T>(string xmlName, ElementKind kind, ElementTraits traits = ElementTraits.None, Func<XElement, bool>? when = null)
        where T : ElementBehaviour, IElementRules =>
        new(xmlName, kind, traits, typeof(T), when, (draft, definition) => T.Check(draft, definition), (check, node) => T.Validate(check, node));
}
