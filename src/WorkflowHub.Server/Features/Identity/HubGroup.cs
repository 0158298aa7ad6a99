namespace WorkflowHub.Server.Features.Identity;

public enum GroupKind
{
    /// <summary>片区: an area group, responsible for a part of the city.</summary>
    Area = 0,

    /// <summary>行业领域组: a sector group (sanitation, traffic, markets...).</summary>
    Sector = 1,

    /// <summary>功能组: a functional group (problem collection, supervision...).</summary>
    Functional = 2,

    /// <summary>创城办: the creation office that coordinates the campaign.</summary>
    CreationOffice = 3,

    /// <summary>领导小组: the leading group at the top of the ladder.</summary>
    LeadingGroup = 4,
}

/// <summary>A group tasks are offered to: its <see cref="Id"/> is what camunda:candidateGroups names.</summary>
public sealed class HubGroup
{
    public const int IdMaxLength = 64;
    public const int NameMaxLength = 200;

    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public GroupKind Kind { get; set; }

    /// <summary>The group's head (组长/片长, the "unit head" of the escalation ladder): a user's Identity id, or null.</summary>
    public string? HeadUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<HubGroupMember> Members { get; set; } = [];
}

/// <summary>A user's membership of a group (the user's Identity id).</summary>
public sealed class HubGroupMember
{
    public string GroupId { get; set; } = "";

    public string UserId { get; set; } = "";
}
