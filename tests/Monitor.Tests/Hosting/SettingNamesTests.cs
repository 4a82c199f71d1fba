using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Monitor.Core;
using Monitor.Core.Hosting;

namespace Monitor.Tests.Hosting;

/// <summary>The hosts name the setting a user changes: the one that gives the option its value, in environment form.</summary>
public sealed class SettingNamesTests
{
    private static SettingNames Names(params (string Key, string Value)[] settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

    [Fact]
    public void An_option_is_named_by_the_setting_that_gives_it_its_value()
    {
        Assert.Equal("MONITOR_STORAGE", Names().Name("Storage:ConnectionString")); // the documented one when none is set
        Assert.Equal("Storage__ConnectionString", Names(("Storage:ConnectionString", "x")).Name("Storage:ConnectionString"));
        Assert.Equal("AzureWebJobsStorage", Names(("AzureWebJobsStorage", "x")).Name("Storage:ConnectionString"));
        Assert.Equal("MONITOR_STORAGE", Names(("MONITOR_STORAGE", "x"), ("AzureWebJobsStorage", "y")).Name("Storage:ConnectionString"));
        Assert.Equal("AzureWebJobsStorage__accountName", Names(("AzureWebJobsStorage:accountName", "st")).Name("Storage:TableServiceUri"));
        Assert.Equal("MONITOR_ALLOW_PRIVATE_NETWORKS", Names().Name("Fetch:AllowPrivateNetworks"));
        Assert.Equal("MONITOR_ARTICLES", Names().Name("Articles:Folder"));
        Assert.Equal("Smtp__Security", Names().Name("Smtp:Security"));
    }

    [Fact]
    public void Only_option_keys_are_translated()
    {
        var names = Names();
        Assert.Equal("Digest__From: 'Monitor' is not an e-mail address", names.Translate("Digest:From: 'Monitor' is not an e-mail address"));
        Assert.Equal("at 'Smtp__Port' (see https://example.org/a:B, 07:00, C:\\Data, Error: Bad)",
            names.Translate("at 'Smtp:Port' (see https://example.org/a:B, 07:00, C:\\Data, Error: Bad)"));
    }

    [Fact]
    public void Failures_of_options_and_input_are_described_other_failures_are_not()
    {
        var names = Names(("Storage:ConnectionString", "x"));
        var storage = new OptionsValidationException("", typeof(object), ["Storage:ConnectionString is not a usable storage connection string: bad"]);
        var smtp = new OptionsValidationException("", typeof(object), ["Smtp:Port must be between 1 and 65535, not 0", "Smtp:Security must be one of None"]);
        Assert.Equal("Storage__ConnectionString is not a usable storage connection string: bad", names.Describe(storage));
        Assert.Equal("Storage__ConnectionString is not a usable storage connection string: bad; Smtp__Port must be between 1 and 65535, not 0; Smtp__Security must be one of None",
            names.Describe(new AggregateException(storage, smtp)));
        Assert.Equal("Digest__TimeZone must be an IANA time zone", names.Describe(new MonitorInputException("Digest:TimeZone must be an IANA time zone")));
        Assert.Null(names.Describe(new InvalidOperationException("Smtp:Port")));
        Assert.Null(names.Describe(new AggregateException(new InvalidOperationException())));
    }
}
