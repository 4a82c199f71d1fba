using Microsoft.Extensions.Options;

namespace Monitor.Core.Digest;

/// <summary>
/// What the SMTP settings must hold whatever the run: a port and a known security mode. Whether a server and
/// credentials are set is checked when a digest is sent, since a host that writes digests to a folder needs none.
/// </summary>
internal sealed class SmtpOptionsValidation : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var failures = new List<string>();
        if (options.Port is < 1 or > 65535) failures.Add($"Smtp:Port must be between 1 and 65535, not {options.Port}");
        if (!Enum.IsDefined(options.Security))
            failures.Add($"Smtp:Security must be one of {string.Join(", ", Enum.GetNames<SmtpSecurity>())}, not '{options.Security}'");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
