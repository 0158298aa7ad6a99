namespace WorkflowHub.Server.Features.Identity;

public enum GroupKind
{
    /// <summary>片区: an area group, responsible for a part of the city.</summary>
    Area = 0,

    /// <summary>行业领域组: a sector group (sanitation, traffic, markets...).</summary>
    Sector = 1,

    /// <summary>功能组: a functional group (problem collection, supervision...).</summary>
    Functional = 2,
}

/// <summary>A group tasks are offered to: its <see cref="Id"/> is what camunda:candidateGroups names.</summary>
public sealed class HubGroup
{
    public const int IdMaxLength = 64;
    public const int NameMaxLength = 200;

    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public GroupKind Kind { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<HubGroupMember> Members { get; set; } = [];
}

/// <summary>A user's membership of a group (the user's Identity id).</summary>
public sealed class HubGroupMember
{
    public string GroupId { get; set; } = "";

    public string UserId { get; set; } = "";
}
