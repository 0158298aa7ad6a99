using System.Reflection;
using System.Runtime.CompilerServices;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Tests.Parsing;

/// <summary>
/// A compiled model is shared by every step that runs it, so nothing may change it after parsing:
/// no public property of a model type has a public setter other than init. This guards the rule
/// at build/test time for every type of the Model namespace, present and future.
/// </summary>
public sealed class ModelImmutabilityTests
{
    /// <summary>Public mutable members that existed before this rule (collections filled by the parser).</summary>
    private static readonly HashSet<string> ExistingCollections =
    [
        "BpmnDocument.Processes", "BpmnDocument.Problems", "BpmnDocument.Ignored",
        "ProcessModel.Nodes", "ProcessModel.Flows", "ScopeModel.Nodes",
        "FlowNode.Incoming", "FlowNode.Outgoing", "FlowNode.BoundaryEvents",
    ];

    private static IEnumerable<Type> Types() =>
        typeof(ProcessModel).Assembly.GetExportedTypes().Where(t => t.Namespace == typeof(ProcessModel).Namespace && !t.IsEnum);

    public static TheoryData<Type> ModelTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in Types())
        {
            data.Add(type);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ModelTypes))]
    public void Model_properties_have_no_public_setter_other_than_init(Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            var setter = property.SetMethod;
            if (setter is null || !setter.IsPublic)
            {
                continue;
            }
            var isInit = setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
            Assert.True(isInit, $"{type.Name}.{property.Name} has a public setter: use init or internal set");
        }
    }

    [Theory]
    [MemberData(nameof(ModelTypes))]
    public void Model_types_expose_no_new_public_mutable_collections(Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            var propertyType = property.PropertyType;
            var mutable = propertyType.IsGenericType
                && (propertyType.GetGenericTypeDefinition() == typeof(List<>) || propertyType.GetGenericTypeDefinition() == typeof(Dictionary<,>));
            Assert.True(!mutable || ExistingCollections.Contains($"{type.Name}.{property.Name}"),
                $"{type.Name}.{property.Name} is a mutable collection: expose IReadOnlyList/IReadOnlyDictionary");
        }
    }

    [Fact]
    public void Model_types_have_no_public_fields_other_than_readonly_ones()
    {
        foreach (var type in Types())
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                Assert.True(field.IsInitOnly || field.IsLiteral, $"{type.Name}.{field.Name} is a writable public field");
            }
        }
    }
}
