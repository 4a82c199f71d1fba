using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Monitor.Core.Hosting;

/// <summary>
/// Binds a configuration section to options so that a value the options cannot hold is a failure of those options
/// naming its key (an enum's failure lists its values), not the binder's exception: a host reports it like any
/// other validation failure, at start with <c>ValidateOnStart</c>.
/// </summary>
public static class SectionBinding
{
    public static OptionsBuilder<T> BindSection<T>(this OptionsBuilder<T> builder, IConfiguration configuration, string section) where T : class =>
        builder.Configure(o => Bind(configuration.GetSection(section), o));

    internal static void Bind<T>(IConfigurationSection section, T options) where T : class
    {
        var failures = EnumFailures<T>(section);
        if (failures.Count == 0)
        {
            try
            {
                section.Bind(options);
                return;
            }
            catch (InvalidOperationException e)
            {
                // "Failed to convert configuration value 'x' at 'Smtp:Port' to type 'System.Int32'."
                failures.Add(e.Message.Split('\n')[0].Trim());
            }
        }
        throw new OptionsValidationException(Options.DefaultName, typeof(T), failures);
    }

    private static List<string> EnumFailures<T>(IConfigurationSection section)
    {
        var failures = new List<string>();
        foreach (var property in typeof(T).GetProperties())
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (!type.IsEnum || property.SetMethod is not { IsPublic: true }) continue;
            if (section[property.Name] is not { Length: > 0 } text) continue;
            if (Enum.TryParse(type, text, ignoreCase: true, out var value) && Enum.IsDefined(type, value!)) continue;
            failures.Add($"{section.Path}:{property.Name} must be one of {string.Join(", ", Enum.GetNames(type))}, not '{text}'");
        }
        return failures;
    }
}
