using System.Text.Json;
using System.Text.RegularExpressions;
using Monitor.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Monitor.Tests.Deployment;

/// <summary>
/// infra/ compiles and lints without a single diagnostic, and the azd files around it agree with it. Bicep reports
/// type mistakes (BCP035, BCP089...) as warnings and still exits 0, so the output is read, not just the exit code.
/// </summary>
public sealed partial class BicepTemplateTests
{
    [Fact]
    public void Main_template_builds_without_warnings()
    {
        var result = Bicep.Build; // `bicep build infra/main.bicep --outdir <temp>`, run once for all the checks over its JSON
        Assert.True(result.ExitCode == 0, $"bicep build exited {result.ExitCode}:\n{result.Output}");
        Assert.True(result.Diagnostics.Count == 0, "bicep build reported:\n" + string.Join('\n', result.Diagnostics));
        Assert.True(result.Output.Length == 0, "bicep build printed:\n" + result.Output);
        Assert.Equal(JsonValueKind.Array, Bicep.Compiled.GetProperty("resources").ValueKind);
    }

    [Fact]
    public void Main_template_lints_clean_and_uses_every_module()
    {
        // Linting main.bicep lints the modules it uses (their diagnostics carry their own paths); a module it does
        // not use would escape, so there must be none.
        var main = File.ReadAllText(Bicep.MainTemplate);
        foreach (var module in Directory.GetFiles(Bicep.Infra, "*.bicep", SearchOption.AllDirectories).Where(f => f != Bicep.MainTemplate))
        {
            var reference = "'" + Path.GetRelativePath(Bicep.Infra, module).Replace('\\', '/') + "'";
            Assert.True(main.Contains(reference, StringComparison.Ordinal), $"main.bicep does not use {reference}");
        }
        var result = Bicep.Run("lint", Bicep.MainTemplate);
        Assert.True(result.ExitCode == 0, $"bicep lint exited {result.ExitCode}:\n{result.Output}");
        Assert.True(result.Diagnostics.Count == 0, "bicep lint reported:\n" + string.Join('\n', result.Diagnostics));
        Assert.True(result.Output.Length == 0, "bicep lint printed:\n" + result.Output);
    }

    [Fact]
    public void Main_is_an_azd_subscription_template_with_the_azd_outputs()
    {
        var main = Bicep.Compiled;
        Assert.Contains("subscriptionDeploymentTemplate", main.GetProperty("$schema").GetString());
        var parameters = main.GetProperty("parameters");
        Assert.True(parameters.TryGetProperty("environmentName", out _));
        Assert.True(parameters.TryGetProperty("location", out _));
        var outputs = main.GetProperty("outputs");
        foreach (var name in new[] { "AZURE_LOCATION", "AZURE_TENANT_ID", "AZURE_RESOURCE_GROUP", "AZURE_FUNCTION_APP_NAME" })
            Assert.True(outputs.TryGetProperty(name, out _), $"output {name} is missing");
    }

    [Fact]
    public void Parameters_file_maps_every_parameter_to_an_azd_environment_value()
    {
        var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(Bicep.Infra, "main.parameters.json"))).RootElement.GetProperty("parameters");
        var declared = Bicep.Compiled.GetProperty("parameters");
        var mapped = file.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("value").GetString()!);

        foreach (var name in mapped.Keys)
            Assert.True(declared.TryGetProperty(name, out _), $"main.parameters.json sets {name}, which main.bicep does not declare");
        foreach (var parameter in declared.EnumerateObject())
        {
            var required = !parameter.Value.TryGetProperty("defaultValue", out _);
            if (required) Assert.True(mapped.ContainsKey(parameter.Name), $"{parameter.Name} has no default and main.parameters.json does not set it");
        }
        // Every value comes from the azd environment (azd env set NAME value), never a literal in the repository.
        foreach (var (name, value) in mapped)
            Assert.True(EnvironmentReference().IsMatch(value), $"{name} = '{value}' is not a ${{VAR}} or ${{VAR=default}} reference");

        // The SMTP password is a secure parameter and has no default but empty in the file: nothing secret in the repo.
        Assert.Equal("securestring", declared.GetProperty("smtpPassword").GetProperty("type").GetString());
        Assert.Equal("${SMTP_PASSWORD=}", mapped["smtpPassword"]);
        // What a user tunes comes from azd values too: the alert address (no default, so azd asks), the budget, and one
        // pass-through for every other setting.
        Assert.Equal("${ALERT_EMAIL}", mapped["alertEmail"]);
        Assert.Equal("${MONITOR_BUDGET=1}", mapped["monthlyBudget"]);
        Assert.Equal("${MONITOR_SETTINGS=}", mapped["monitorSettings"]);

        // Defaults in the file agree with main.bicep's, so `azd up` and a plain deployment behave the same.
        foreach (var (name, value) in mapped)
        {
            var match = EnvironmentReference().Match(value);
            if (!match.Groups[2].Success || match.Groups[2].Value.Length == 0) continue;
            var @default = declared.GetProperty(name).GetProperty("defaultValue").ToString();
            Assert.True(@default == match.Groups[2].Value, $"{name}: main.parameters.json defaults to '{match.Groups[2].Value}', main.bicep to '{@default}'");
        }
    }

    [Fact]
    public void Azure_yaml_deploys_the_functions_project_to_the_tagged_app()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(RepoPaths.Root, "azure.yaml"))));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var infra = (YamlMappingNode)root["infra"];
        Assert.Equal("bicep", infra["provider"].ToString());
        Assert.Equal("infra", infra["path"].ToString());
        Assert.Equal("main", infra["module"].ToString());

        var services = (YamlMappingNode)root["services"];
        var (serviceName, serviceNode) = Assert.Single(services.Children);
        var service = (YamlMappingNode)serviceNode;
        Assert.Equal("function", service["host"].ToString());
        Assert.Equal("dotnet", service["language"].ToString());
        var project = Path.GetFullPath(Path.Combine(RepoPaths.Root, service["project"].ToString()));
        Assert.True(File.Exists(Path.Combine(project, "Monitor.Functions.csproj")), $"{project} is not the Functions project");

        // The azd version it needs (Flex Consumption deployment, location metadata), so an older azd says so up front.
        var required = ((YamlMappingNode)root["requiredVersions"])["azd"].ToString();
        Assert.Matches(@"^>= ?1\.\d+\.\d+$", required);
        Assert.True(Version.Parse(required.TrimStart('>', '=', ' ')) >= new Version(1, 11, 0), $"azd {required} predates what the template uses");

        // azd finds the app to deploy to by its azd-service-name tag.
        var site = ArmTemplate.Main.Single("Microsoft.Web/sites");
        Assert.Contains($"'azd-service-name', '{serviceName}'", site.Resource.GetProperty("tags").GetString());
    }

    [GeneratedRegex(@"^\$\{([A-Z][A-Z0-9_]*)(?:=(.*))?\}$")]
    private static partial Regex EnvironmentReference();
}
