using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace WorkflowHub.Server.Localization;

/// <summary>
/// Languages of the API: zh-CN (简体中文) by default, English when Accept-Language prefers it. Problem answers are
/// translated as they are written (<see cref="ProblemTranslator"/>), so code throws and returns English texts.
/// </summary>
public static class LocalizationModule
{
    public const string DefaultCulture = "zh-CN";
    public static readonly string[] Cultures = [DefaultCulture, "en"];

    public static IServiceCollection AddHubLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddSingleton<ProblemTranslator>();
        services.AddProblemTexts<ApiText>();
        services.AddProblemTexts<EngineText>();
        return services;
    }

    /// <summary>Adds a module's resource files (TMarker.zh-CN.resx beside TMarker) to the texts problems are translated with.</summary>
    public static IServiceCollection AddProblemTexts<TMarker>(this IServiceCollection services) =>
        services.AddSingleton(new ProblemTextSource(typeof(TMarker)));

    public static IApplicationBuilder UseHubLocalization(this IApplicationBuilder app) =>
        app.UseRequestLocalization(o =>
        {
            var cultures = Cultures.Select(CultureInfo.GetCultureInfo).ToList();
            o.DefaultRequestCulture = new RequestCulture(DefaultCulture);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // Only the header decides: no query string or cookie switches an API answer's language.
            o.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()];
        });
}
