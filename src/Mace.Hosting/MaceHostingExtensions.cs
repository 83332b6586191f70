using Mace.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mace.Hosting;

/// <summary>Registers a Mace node with the generic host.</summary>
public static class MaceHostingExtensions
{
    /// <summary>
    /// Runs <typeparamref name="TApplication"/> on a real node for the lifetime of the host, with
    /// its settings from <paramref name="configuration"/>'s <c>Mace</c> section (see
    /// <see cref="MaceNodeSettings"/>). Resolve <see cref="MaceNodeService"/> to reach the node.
    /// <code>
    /// var builder = Host.CreateApplicationBuilder(args);
    /// builder.Services.AddMaceNode&lt;WatchApplication&gt;(builder.Configuration);
    /// await builder.Build().RunAsync();
    /// </code>
    /// </summary>
    public static IServiceCollection AddMaceNode<TApplication>(this IServiceCollection services, IConfiguration configuration, string section = MaceNodeSettings.DefaultSection)
        where TApplication : NodeApplication, new() =>
        services.AddMaceNode(new TApplication(), configuration, section);

    /// <summary>Runs <paramref name="application"/> on a real node; see <see cref="AddMaceNode{TApplication}"/>.</summary>
    public static IServiceCollection AddMaceNode(this IServiceCollection services, NodeApplication application, IConfiguration configuration, string section = MaceNodeSettings.DefaultSection)
    {
        services.AddSingleton(provider => new MaceNodeService(application, configuration.GetSection(section), section, provider.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<MaceNodeService>());
        return services;
    }
}
