using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Monitor.Core.Storage;

/// <summary>
/// Storage settings that cannot work are refused at start, each naming its option: an identity needs absolute
/// https endpoints, and without one the connection string must be one (its secret is never repeated).
/// </summary>
internal sealed class StorageOptionsValidation : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (options.UsesIdentity)
        {
            Https(options.TableServiceUri, "Storage:TableServiceUri", failures);
            Https(options.QueueServiceUri, "Storage:QueueServiceUri", failures);
        }
        else
        {
            if (options.QueueServiceUri is not null)
                failures.Add("Storage:QueueServiceUri is set without Storage:TableServiceUri: queues are reached with an identity only together with the tables");
            try
            {
                _ = new TableServiceClient(options.ConnectionString);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                failures.Add($"Storage:ConnectionString is not a usable storage connection string: {e.Message.Split('\n')[0].Trim()}");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Https(Uri? uri, string key, List<string> failures)
    {
        if (uri is not null && !(uri.IsAbsoluteUri && uri.Scheme == Uri.UriSchemeHttps))
            failures.Add($"{key} must be an absolute https URI, not '{uri}'");
    }
}
