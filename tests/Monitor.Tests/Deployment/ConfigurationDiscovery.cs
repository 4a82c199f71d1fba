using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Monitor.Tests.Deployment;

/// <summary>
/// Finds, from the code rather than a hand-written list, every configuration key Monitor reads: the composition root
/// (AddMonitor and every other public (IServiceCollection, IConfiguration) registration method of Monitor's
/// assemblies) is run against a configuration that records each read, every options type it registers is
/// resolved (so the binder visits each public settable property of each bound section, and the Configure
/// callbacks read their explicit keys such as MONITOR_*), and every registered service is constructed.
/// </summary>
internal static class ConfigurationDiscovery
{
    /// <summary>A key read through an options class: its section path, the property, the class's default for it.</summary>
    public sealed record OptionKey(string Key, Type Options, PropertyInfo Property, object? Default)
    {
        /// <summary>Values a setting can hold (the binder converts them from text); other types are code-only hooks.</summary>
        public bool IsSetting => IsSettable(Property.PropertyType);

        public bool IsNullable => Nullable.GetUnderlyingType(Property.PropertyType) is not null
            || new NullabilityInfoContext().Create(Property).WriteState == NullabilityState.Nullable;
    }

    public sealed record Result(IReadOnlyList<OptionKey> OptionKeys, IReadOnlyList<string> ExplicitKeys, IReadOnlyList<string> RegistrationMethods, IReadOnlyList<Type> OptionsTypes);

    public static Result Discover()
    {
        var recorder = new Recorder();
        var configuration = new RecordingConfiguration(new ConfigurationBuilder().Build(), recorder);
        var services = new ServiceCollection();
        var methods = RegistrationMethods().ToList();
        foreach (var method in methods) method.Invoke(null, [services, configuration]);
        using var provider = services.BuildServiceProvider();

        var optionsTypes = services
            .Select(d => d.ServiceType)
            .Where(t => t.IsGenericType && !t.ContainsGenericParameters
                && (t.GetGenericTypeDefinition() == typeof(IConfigureOptions<>) || t.GetGenericTypeDefinition() == typeof(IPostConfigureOptions<>)))
            .Select(t => t.GetGenericArguments()[0])
            .Where(t => t.Assembly.GetName().Name!.StartsWith("Monitor.", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        var optionKeys = new List<OptionKey>();
        var readOnly = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var all = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in optionsTypes)
        {
            recorder.Clear();
            var options = typeof(IOptions<>).MakeGenericType(type);
            var value = options.GetProperty("Value")!.GetValue(provider.GetRequiredService(options)); // binds, runs every Configure
            var read = recorder.Keys().ToHashSet(StringComparer.OrdinalIgnoreCase);
            all.UnionWith(read);
            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
                .Select(p => (Property: p, Name: p.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? p.Name))
                .ToList();
            // The bound section: the parent path under which the most of the type's properties were read.
            var section = read.Where(k => k.Contains(':')).Select(k => k[..k.LastIndexOf(':')]).Distinct(StringComparer.OrdinalIgnoreCase)
                .MaxBy(prefix => properties.Count(p => read.Contains(prefix + ":" + p.Name)));
            Assert.True(section is not null, $"{type.Name} is registered as options but no key of it is read: is its section bound?");
            // Read-only properties are visited by the binder too, but no setting can change them.
            readOnly.UnionWith(type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
                .Where(p => p.SetMethod is not { IsPublic: true }).Select(p => section + ":" + p.Name));
            var defaults = Activator.CreateInstance(type);
            foreach (var (property, name) in properties)
            {
                var key = section + ":" + name;
                Assert.True(read.Contains(key), $"{type.Name}.{property.Name} is not read as {key}; read: {string.Join(", ", read.Order())}");
                optionKeys.Add(new OptionKey(key, type, property, property.GetValue(defaults)));
            }
            GC.KeepAlive(value);
        }

        // Services that read configuration themselves (not through options) when they are built.
        recorder.Clear();
        foreach (var descriptor in services.Where(d => !d.ServiceType.ContainsGenericParameters && d.ServiceType.Assembly.GetName().Name!.StartsWith("Monitor.", StringComparison.Ordinal)))
        {
            try { provider.GetServices(descriptor.ServiceType).ToList(); }
            catch (Exception) { /* one that cannot be built without real settings or storage says nothing about keys */ }
        }
        all.UnionWith(recorder.Keys());

        var optionPaths = optionKeys.Select(k => k.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var sections = optionKeys.Select(k => k.Key[..k.Key.LastIndexOf(':')]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var explicitKeys = all
            .Where(k => !optionPaths.Contains(k) && !readOnly.Contains(k))
            .Where(k => !sections.Contains(k)) // the section itself (its value is looked at before its children)
            .Where(k => !optionPaths.Any(p => k.StartsWith(p + ":", StringComparison.OrdinalIgnoreCase))) // inside a code-only property
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new Result(optionKeys, explicitKeys, methods.Select(m => $"{m.DeclaringType!.Name}.{m.Name}").ToList(), optionsTypes);
    }

    /// <summary>The public static registration methods (IServiceCollection, IConfiguration) of Monitor's assemblies, AddMonitor first.</summary>
    private static IEnumerable<MethodInfo> RegistrationMethods()
    {
        var assemblies = new[] { typeof(Monitor.Core.Hosting.MonitorServices).Assembly, typeof(Monitor.Functions.PollFeeds).Assembly }
            .Concat(AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name!.StartsWith("Monitor.", StringComparison.Ordinal) && !a.GetName().Name!.StartsWith("Monitor.Tests", StringComparison.Ordinal)))
            .Distinct();
        return assemblies
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t.IsAbstract && t.IsSealed) // static classes
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => !m.ContainsGenericParameters && m.GetParameters() is [var s, var c] && s.ParameterType == typeof(IServiceCollection) && c.ParameterType == typeof(IConfiguration))
            .OrderBy(m => m.Name == nameof(Monitor.Core.Hosting.MonitorServices.AddMonitor) ? 0 : 1)
            .ThenBy(m => m.DeclaringType!.FullName, StringComparer.Ordinal);
    }

    private static bool IsSettable(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly) || type == typeof(TimeOnly)
            || type == typeof(Guid) || type == typeof(Uri))
            return true;
        var element = type.IsArray ? type.GetElementType() : type.IsGenericType && type.GetGenericArguments() is [var t] && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? t : null;
        return element is not null && IsSettable(element);
    }

    private sealed class Recorder
    {
        private readonly ConcurrentDictionary<string, bool> _keys = new(StringComparer.OrdinalIgnoreCase);
        public void Read(string key) => _keys[key] = true;
        public void Clear() => _keys.Clear();
        public List<string> Keys() => _keys.Keys.Order(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private sealed class RecordingConfiguration(IConfiguration inner, Recorder recorder) : IConfiguration
    {
        public string? this[string key]
        {
            get { recorder.Read(key); return inner[key]; }
            set => inner[key] = value;
        }

        // A section taken from the root (the one an options class is bound to) answers as if it had a child, so the
        // binder walks the options' properties and reads each one's key; the child's name matches no property.
        public IConfigurationSection GetSection(string key) => new RecordingSection(inner.GetSection(key), recorder, probe: true);
        public IEnumerable<IConfigurationSection> GetChildren() => inner.GetChildren().Select(c => new RecordingSection(c, recorder, false));
        public IChangeToken GetReloadToken() => inner.GetReloadToken();
    }

    private sealed class RecordingSection(IConfigurationSection inner, Recorder recorder, bool probe) : IConfigurationSection
    {
        public string Key => inner.Key;
        public string Path => inner.Path;

        public string? Value
        {
            get { recorder.Read(inner.Path); return inner.Value; }
            set => inner.Value = value;
        }

        public string? this[string key]
        {
            get { recorder.Read(ConfigurationPath.Combine(inner.Path, key)); return inner[key]; }
            set => inner[key] = value;
        }

        public IConfigurationSection GetSection(string key) => new RecordingSection(inner.GetSection(key), recorder, false);

        public IEnumerable<IConfigurationSection> GetChildren()
        {
            var children = inner.GetChildren().Select(c => (IConfigurationSection)new RecordingSection(c, recorder, false)).ToList();
            if (probe && children.Count == 0) children.Add(new ProbeSection(Path));
            return children;
        }

        public IChangeToken GetReloadToken() => inner.GetReloadToken();
    }

    private sealed class ProbeSection(string parent) : IConfigurationSection
    {
        public string Key => "__discovery_probe";
        public string Path => ConfigurationPath.Combine(parent, Key);
        public string? Value { get => null; set { } }
        public string? this[string key] { get => null; set { } }
        public IConfigurationSection GetSection(string key) => new ConfigurationBuilder().Build().GetSection(ConfigurationPath.Combine(Path, key));
        public IEnumerable<IConfigurationSection> GetChildren() => [];
        public IChangeToken GetReloadToken() => new CancellationChangeToken(CancellationToken.None);
    }
}
