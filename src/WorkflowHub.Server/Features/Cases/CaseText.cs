namespace WorkflowHub.Server.Features.Cases;

/// <summary>
/// The resource marker of the cases' and shipped flows' texts (问题台账, Open311): code writes them in English, CaseText.zh-CN.resx translates them (the English text is
/// the key) for answers in zh-CN, the default; Accept-Language: en keeps the English.
/// </summary>
public sealed class CaseText;
