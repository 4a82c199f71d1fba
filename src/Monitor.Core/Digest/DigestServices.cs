using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monitor.Core.Digest.Delivery;

namespace Monitor.Core.Digest;

/// <summary>The digest's part of the composition root, called by <c>AddMonitor</c>.</summary>
public static class DigestServices
{
    /// <summary>Binds the sections "Digest" and "Smtp"; a value of the wrong type is an input error naming the setting.</summary>
    public static IServiceCollection AddDigest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DigestOptions>().Configure(o => Bind(configuration.GetSection("Digest"), o));
        services.AddOptions<SmtpOptions>().Configure(o => Bind(configuration.GetSection("Smtp"), o));
        services.AddSingleton<DigestStore>();
        services.AddSingleton<DigestCoverage>();
        services.AddSingleton<DigestComposer>();
        services.AddSingleton<DigestRunner>();
        // A folder when Digest:Folder is set (local use, previews), else SMTP; tests may register their own first.
        services.TryAddSingleton<IDigestTransport>(sp => sp.GetRequiredService<IOptions<DigestOptions>>().Value.Folder is { Length: > 0 } folder
            ? new FolderDigestTransport(folder)
            : new SmtpDigestTransport(sp.GetRequiredService<IOptions<SmtpOptions>>()));
        return services;
    }

    private static void Bind<T>(IConfigurationSection section, T options)
    {
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException e)
        {
            // e.g. "Failed to convert configuration value 'x' at 'Smtp:Security' to type '...SmtpSecurity'".
            var hint = e.Message.Contains("SmtpSecurity", StringComparison.Ordinal) ? " (use None, StartTls or SslOnConnect)" : "";
            throw new MonitorInputException($"{section.Path} settings: {e.Message.Split('\n')[0].Trim()}{hint}", e);
        }
    }
}
