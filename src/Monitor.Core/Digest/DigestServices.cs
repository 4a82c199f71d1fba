using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monitor.Core.Digest.Delivery;
using Monitor.Core.Hosting;

namespace Monitor.Core.Digest;

/// <summary>The digest's part of the composition root, called by <c>AddMonitor</c>.</summary>
public static class DigestServices
{
    /// <summary>Binds the sections "Digest" and "Smtp", validated at start (<see cref="SmtpOptionsValidation"/>).</summary>
    public static IServiceCollection AddDigest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DigestOptions>().BindSection(configuration, "Digest").ValidateOnStart();
        services.AddOptions<SmtpOptions>().BindSection(configuration, "Smtp").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidation>());
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
}
