using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monitor.Core.Digest;
using Monitor.Core.Feeds;
using Monitor.Core.Hosting;
using Monitor.Core.Storage;
using Xunit.Abstractions;

namespace Monitor.Tests.Deployment;

/// <summary>
/// Every setting the code reads is either set by infra/ or has a default, and what infra/ sets is what the code
/// reads, with values the code accepts. The keys come from the code itself (<see cref="ConfigurationDiscovery"/>),
/// so a section or option added later is checked without touching this test.
/// </summary>
public sealed partial class ConfigurationCoverageTests(ITestOutputHelper output)
{
    /// <summary>Keys whose empty default is a meaning, not a missing value.</summary>
    private static readonly Dictionary<string, string> EmptyIsTheDefault = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Storage:TablePrefix"] = "no prefix: the tables are Items, Coverage, Feeds, ...",
    };

    /// <summary>App settings the Functions host and platform read (not Monitor's code).</summary>
    private static readonly string[] PlatformSettings =
    [
        "AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId",
        "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        ExtraSettings.Name, // read by the hosts (ExtraSettings), beneath their configuration
    ];

    /// <summary>Settings the template fixes on purpose, which no user should change in Azure.</summary>
    private static readonly Dictionary<string, string> FixedOnPurpose = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MONITOR_ALLOW_PRIVATE_NETWORKS"] = "false: feeds on private addresses are refused in Azure (SSRF)",
    };

    /// <summary>Values a user gives main.bicep's parameters (azd env set ...) where the defaults are empty or absent.</summary>
    private static readonly Dictionary<string, string> UserValues = new()
    {
        ["environmentName"] = "monitor-test",
        ["location"] = "swedencentral",
        ["digestRecipients"] = "ana@example.org, ben@example.org:border-clashes+zangezur-corridor",
        ["digestFrom"] = "Monitor <monitor@example.org>",
        ["digestTimeZone"] = "Asia/Yerevan",
        ["smtpHost"] = "smtp.example.org",
        ["smtpUsername"] = "monitor@example.org",
        ["monitorSettings"] = "Fetch__MaxConcurrentFeeds=8; Digest__SkipEmpty=true",
    };

    private const string ClientId = "5c1f0a4e-2f7b-4a55-9a3e-0b1c2d3e4f50";

    /// <summary>What Azure fills in at deployment (reference() of the created resources), as examples of the same shape.</summary>
    private static readonly Dictionary<string, string> DeploymentValues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AzureWebJobsStorage__accountName"] = "stmonitorabc123",
        ["AzureWebJobsStorage__clientId"] = ClientId,
        ["Storage__TableServiceUri"] = "https://stmonitorabc123.table.core.windows.net/",
        ["Storage__ClientId"] = ClientId,
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://swedencentral-0.in.applicationinsights.azure.com/",
        ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = $"ClientId={ClientId};Authorization=AAD",
        ["Smtp__Password"] = "the-secret-the-platform-resolved", // the platform replaces the Key Vault reference before the app starts
    };

    private static readonly Lazy<ConfigurationDiscovery.Result> Discovered = new(ConfigurationDiscovery.Discover);

    private static HashSet<string> TemplateSettingNames() =>
        ArmTemplate.Main.AppSettings().Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static string SettingName(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    [Fact]
    public void Discovery_finds_what_the_code_is_known_to_read()
    {
        var found = Discovered.Value;
        output.WriteLine("registration methods: " + string.Join(", ", found.RegistrationMethods));
        output.WriteLine("options: " + string.Join(", ", found.OptionsTypes.Select(t => t.Name)));
        output.WriteLine("explicit keys: " + string.Join(", ", found.ExplicitKeys));
        var keys = found.OptionKeys.Select(k => k.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // A floor, so a discovery that silently finds nothing cannot pass the checks below.
        foreach (var key in new[] { "Storage:ConnectionString", "Storage:TableServiceUri", "Storage:ClientId", "Fetch:MaxConcurrentFeeds", "Linking:MinTopicScore", "Feeds:File", "Articles:Folder" })
            Assert.Contains(key, keys);
        foreach (var key in new[] { "MONITOR_STORAGE", "MONITOR_ALLOW_PRIVATE_NETWORKS", "MONITOR_FEEDS", "MONITOR_ARTICLES", "AzureWebJobsStorage" })
            Assert.Contains(key, found.ExplicitKeys, StringComparer.OrdinalIgnoreCase);
        Assert.Contains(nameof(MonitorServices.AddMonitor), found.RegistrationMethods.Select(m => m.Split('.')[1]));
    }

    [Fact]
    public void Every_setting_the_code_reads_is_set_by_the_template_or_has_a_default()
    {
        var template = TemplateSettingNames();
        var problems = new List<string>();
        foreach (var key in Discovered.Value.OptionKeys.Where(k => k.IsSetting).OrderBy(k => k.Key, StringComparer.OrdinalIgnoreCase))
        {
            string status;
            if (template.Contains(SettingName(key.Key))) status = "set by the template";
            else if (key.Default is string { Length: 0 } && EmptyIsTheDefault.TryGetValue(key.Key, out var meaning)) status = $"default: empty ({meaning})";
            else if (key.Default is not null and not string { Length: 0 }) status = $"default: {Format(key.Default)}";
            else if (key.Default is null && key.IsNullable) status = "optional: absent leaves it off";
            else
            {
                status = "MISSING";
                problems.Add($"{key.Key} ({key.Options.Name}.{key.Property.Name}) has no default and infra/ does not set {SettingName(key.Key)}");
            }
            output.WriteLine($"{SettingName(key.Key),-36} {status}");
        }
        // Keys the code reads by name (overrides and fallbacks, such as MONITOR_STORAGE) keep the options' values when absent.
        foreach (var key in Discovered.Value.ExplicitKeys)
            output.WriteLine($"{SettingName(key),-36} {(template.Contains(SettingName(key)) ? "set by the template" : "override: absent keeps the options' value")}");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void Every_section_setting_the_template_sets_is_one_the_code_reads()
    {
        // A misspelt Digest__Recipient would be ignored silently by the binder: check each name against the code.
        var read = Discovered.Value.OptionKeys.Select(k => SettingName(k.Key))
            .Concat(Discovered.Value.ExplicitKeys.Select(SettingName))
            .Concat(PlatformSettings)
            .Concat(TimerSettings())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = TemplateSettingNames().Where(name => !read.Contains(name)).ToList();
        Assert.True(unknown.Count == 0, "infra/ sets settings the code does not read: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Every_timer_schedule_is_a_valid_setting_of_the_template()
    {
        var settings = ArmTemplate.Main.AppSettings().ToDictionary(s => s.Name, s => s.Value, StringComparer.OrdinalIgnoreCase);
        var timers = TimerSettings().ToList();
        Assert.Contains("PollSchedule", timers);
        Assert.Contains("DigestSchedule", timers);
        foreach (var name in timers)
        {
            // The host refuses to index a timer whose %setting% is missing: there is no default to fall back on.
            Assert.True(settings.TryGetValue(name, out var value), $"the timer schedule %{name}% is not an app setting in infra/");
            Assert.True(value is not null && SixFieldCron().IsMatch(value), $"{name} = '{value}' is not a six-field NCRONTAB expression");
        }
        Assert.Equal("0 */15 * * * *", settings["PollSchedule"]);
        Assert.Equal("false", settings["MONITOR_ALLOW_PRIVATE_NETWORKS"]);
    }

    [Fact]
    public void What_the_digest_needs_in_Azure_comes_from_a_parameter_the_user_sets()
    {
        // The code cannot call these required (without them the digest is off), but mail needs them: each app
        // setting is fed by a main.bicep parameter that main.parameters.json maps to an azd environment value.
        var site = ArmTemplate.Main.Single("Microsoft.Web/sites");
        var settings = ArmTemplate.Main.AppSettings().ToDictionary(s => s.Name, s => s.Raw, StringComparer.OrdinalIgnoreCase);
        var mainParameters = Bicep.Compiled.GetProperty("parameters");
        foreach (var (setting, parameter) in new[]
        {
            ("Digest__Recipients", "digestRecipients"), ("Digest__From", "digestFrom"), ("Digest__LocalTime", "digestLocalTime"),
            ("Digest__TimeZone", "digestTimeZone"), ("Smtp__Host", "smtpHost"), ("Smtp__Port", "smtpPort"),
            ("Smtp__Security", "smtpSecurity"), ("Smtp__Username", "smtpUsername"), ("PollSchedule", "pollSchedule"), ("DigestSchedule", "digestSchedule"),
            (ExtraSettings.Name, "monitorSettings"),
        })
        {
            Assert.True(settings.TryGetValue(setting, out var raw), $"infra/ does not set {setting}");
            Assert.Equal($"[parameters('{parameter}')]", raw);
            Assert.Equal($"[parameters('{parameter}')]", ArmTemplate.PassedToModule(site, parameter));
            Assert.True(mainParameters.TryGetProperty(parameter, out _), $"main.bicep has no parameter {parameter}");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Template_settings_go_through_the_composition_root_into_identity_based_storage(bool userValues)
    {
        var values = userValues ? UserValues : UserValues.Where(p => p.Key is "environmentName" or "location").ToDictionary();
        var settings = ArmTemplate.Main.AppSettings(values);
        var unknown = settings.Where(s => s.Value is null && !DeploymentValues.ContainsKey(s.Name)).Select(s => s.Name).ToList();
        Assert.True(unknown.Count == 0, "settings computed at deployment that this test has no example for: " + string.Join(", ", unknown));

        // As the Functions host gives them to the worker: environment variables, "__" standing for ":".
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Name.Replace("__", ":", StringComparison.Ordinal), (string?)(s.Value ?? DeploymentValues[s.Name]))))
            .Build();
        // MONITOR_SETTINGS beneath them, as the worker layers it (MonitorWorker).
        configuration = new ConfigurationBuilder().AddInMemoryCollection(ExtraSettings.Read(configuration)).AddConfiguration(configuration).Build();
        using var provider = new ServiceCollection().AddMonitor(configuration).BuildServiceProvider();

        // Every options type binds: numbers, enums and time spans in the template are ones the code accepts.
        foreach (var type in Discovered.Value.OptionsTypes)
        {
            var options = typeof(IOptions<>).MakeGenericType(type);
            var exception = Record.Exception(() => options.GetProperty("Value")!.GetValue(provider.GetRequiredService(options)));
            Assert.True(exception is null, $"{type.Name} does not bind from the template's settings: {(exception as TargetInvocationException)?.InnerException?.Message ?? exception?.Message}");
        }

        var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        Assert.Equal(new Uri(DeploymentValues["Storage__TableServiceUri"]), storage.TableServiceUri);
        Assert.Equal(ClientId, storage.ClientId);
        Assert.True(storage.UsesIdentity, "in Azure the tables must be reached with the managed identity");
        Assert.Equal("https://stmonitorabc123.table.core.windows.net", provider.GetRequiredService<MonitorTables>().Endpoint);
        Assert.Equal(new Uri("https://stmonitorabc123.queue.core.windows.net/"), provider.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>().Uri);

        Assert.False(provider.GetRequiredService<IOptions<FetchOptions>>().Value.AllowPrivateNetworks);

        var digest = provider.GetRequiredService<IOptions<DigestOptions>>().Value;
        var schedule = DigestSchedule.From(digest); // the code's own rules for Digest__LocalTime and Digest__TimeZone
        Assert.Equal(new TimeOnly(7, 0), schedule.LocalTime);
        var smtp = provider.GetRequiredService<IOptions<SmtpOptions>>().Value;
        Assert.Equal(587, smtp.Port);
        Assert.Equal(SmtpSecurity.StartTls, smtp.Security);
        if (userValues)
        {
            Assert.Equal("Asia/Yerevan", schedule.Zone.Id);
            Assert.Equal(UserValues["digestRecipients"], digest.Recipients);
            Assert.Equal("smtp.example.org", smtp.Host);
            Assert.Equal(DeploymentValues["Smtp__Password"], smtp.Password);
            Assert.Equal(8, provider.GetRequiredService<IOptions<FetchOptions>>().Value.MaxConcurrentFeeds);
            Assert.True(digest.SkipEmpty);
        }
    }

    [Fact]
    public void Every_setting_in_the_template_comes_from_an_azd_value_or_is_fixed_on_purpose()
    {
        // The template replaces the whole app-settings list at each deployment, so a value changed in the portal is
        // undone: what a user may tune must reach the template as an azd value (a main.bicep parameter), directly or
        // through MONITOR_SETTINGS. Anything else is the platform's, computed at deployment, or fixed on purpose.
        var site = ArmTemplate.Main.Single("Microsoft.Web/sites");
        var mainParameters = Bicep.Compiled.GetProperty("parameters");
        foreach (var (name, raw, value) in ArmTemplate.Main.AppSettings())
        {
            if (PlatformSettings.Contains(name, StringComparer.OrdinalIgnoreCase) && name != ExtraSettings.Name) continue;
            if (FixedOnPurpose.ContainsKey(name)) { Assert.NotNull(value); continue; }
            if (DeploymentValues.ContainsKey(name)) { Assert.Null(value); continue; } // computed from the resources
            var parameter = Regex.Match(raw, @"^\[parameters\('(\w+)'\)\]$");
            Assert.True(parameter.Success, $"{name} = {raw}: a literal a user cannot change without editing the template");
            var passed = ArmTemplate.PassedToModule(site, parameter.Groups[1].Value);
            var main = Regex.Match(passed, @"^\[parameters\('(\w+)'\)\]$");
            Assert.True(main.Success && mainParameters.TryGetProperty(main.Groups[1].Value, out _), $"{name} does not come from a main.bicep parameter");
        }
    }

    [Fact]
    public void Identity_based_host_storage_alone_also_leads_the_tables_to_the_identity()
    {
        // Without Storage__TableServiceUri the code falls back on the host's AzureWebJobsStorage account, as it
        // does for a connection string: Monitor never silently polls into the local emulator in Azure.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:accountName"] = "stmonitorabc123",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = ClientId,
        }).Build();
        using var provider = new ServiceCollection().AddMonitor(configuration).BuildServiceProvider();
        var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        Assert.True(storage.UsesIdentity);
        Assert.Equal("https://stmonitorabc123.table.core.windows.net", provider.GetRequiredService<MonitorTables>().Endpoint);
        Assert.Equal(ClientId, storage.ClientId);
    }

    /// <summary>The %Name% settings of every timer trigger in the Functions app.</summary>
    private static IEnumerable<string> TimerSettings() =>
        typeof(Monitor.Functions.PollFeeds).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .SelectMany(m => m.GetParameters())
            .SelectMany(p => p.GetCustomAttributes().Where(a => a.GetType().Name == "TimerTriggerAttribute"))
            .Select(a => (string)a.GetType().GetProperty("Schedule")!.GetValue(a)!)
            .SelectMany(schedule => SettingReference().Matches(schedule).Select(m => m.Groups[1].Value))
            .Distinct();

    private static string Format(object value) => value switch
    {
        string s => $"\"{s}\"",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingReference();

    [GeneratedRegex(@"^\S+ \S+ \S+ \S+ \S+ \S+$")]
    private static partial Regex SixFieldCron();
}
