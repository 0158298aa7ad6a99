namespace WorkflowHub.Server.Features.Notices;

/// <summary>
/// The resource marker of the notices' texts (通知): code writes them in English, NoticeText.zh-CN.resx translates them (the English text is
/// the key) for answers in zh-CN, the default; Accept-Language: en keeps the English.
/// </summary>
public sealed class NoticeText;
