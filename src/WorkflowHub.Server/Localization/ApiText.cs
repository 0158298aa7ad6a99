namespace WorkflowHub.Server.Localization;

/// <summary>
/// The resource marker of the API's own texts: ApiText.zh-CN.resx translates them (the English text is the key).
/// Requests are answered in zh-CN unless Accept-Language asks for English.
/// </summary>
public sealed class ApiText;

/// <summary>The resource marker of the engine's texts (BPMN problems, exception messages): EngineText.zh-CN.resx.</summary>
public sealed class EngineText;
