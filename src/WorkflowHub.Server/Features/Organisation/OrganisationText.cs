namespace WorkflowHub.Server.Features.Organisation;

/// <summary>
/// The resource marker of the organisation tables' and categories' texts (组织机构, 问题类别): code writes them in English, OrganisationText.zh-CN.resx translates them (the English text is
/// the key) for answers in zh-CN, the default; Accept-Language: en keeps the English.
/// </summary>
public sealed class OrganisationText;
