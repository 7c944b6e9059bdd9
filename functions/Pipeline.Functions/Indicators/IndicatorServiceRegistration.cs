using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pipeline.Core;
using Pipeline.Core.Indicators;
using Pipeline.Core.Partners;
using Pipeline.Core.Storage;

namespace Pipeline.Functions.Indicators;

/// <summary>The indicator services, over whatever <see cref="IObjectStore"/> and <see cref="ITableStore"/> the app registers.</summary>
public static class IndicatorServiceRegistration
{
    public static IServiceCollection AddIndicators(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new PartnerRegistry(sp.GetRequiredService<ITableStore>()));
        services.TryAddSingleton(sp => new IndicatorStore(sp.GetRequiredService<ITableStore>()));
        services.AddSingleton(sp => new IndicatorEngine(
            sp.GetRequiredService<IObjectStore>(), sp.GetRequiredService<PartnerRegistry>(),
            sp.GetRequiredService<IOptions<PipelineOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new IndicatorOutput(sp.GetRequiredService<IObjectStore>(), sp.GetRequiredService<IndicatorStore>()));
        services.AddSingleton(sp => new PeriodCommitGate(sp.GetRequiredService<ITableStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IndicatorRecomputer>();
        return services;
    }
}
