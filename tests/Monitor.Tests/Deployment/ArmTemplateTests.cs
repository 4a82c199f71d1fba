using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Monitor.Tests.Deployment;

/// <summary>
/// What infra/main.bicep deploys, read from its compiled ARM JSON: the Flex Consumption plan and app, identity
/// instead of keys everywhere, TLS, the identity's roles, and the telemetry cap that keeps it free.
/// </summary>
public sealed class ArmTemplateTests
{
    private static readonly ArmTemplate Arm = ArmTemplate.Main;

    private static class Roles
    {
        public const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
        public const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
        public const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
        public const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
        public const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
        public const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
        public const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
        public const string Contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c";
        public const string StorageAccountContributor = "17d1049b-9a84-46fb-8f53-869881c3d3ab";
    }

    private static Dictionary<string, (string Raw, string? Value)> Settings() =>
        Arm.AppSettings().ToDictionary(s => s.Name, s => (s.Raw, s.Value), StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void Plan_is_flex_consumption_on_linux()
    {
        var plan = Arm.Single("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", plan.Resource.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("FlexConsumption", plan.Resource.GetProperty("sku").GetProperty("tier").GetString());
        Assert.True(plan.Properties.GetProperty("reserved").GetBoolean(), "a Linux plan has reserved: true");
    }

    [Fact]
    public void App_runs_dotnet_isolated_10_on_512_MB_instances_from_an_identity_read_package()
    {
        var site = Arm.Single("Microsoft.Web/sites");
        Assert.Equal("functionapp,linux", site.Resource.GetProperty("kind").GetString());
        var config = site.Properties.GetProperty("functionAppConfig");
        Assert.Equal("dotnet-isolated", config.GetProperty("runtime").GetProperty("name").GetString());
        Assert.Equal("10.0", config.GetProperty("runtime").GetProperty("version").GetString());

        var scale = config.GetProperty("scaleAndConcurrency");
        Assert.Equal(512, scale.GetProperty("instanceMemoryMB").GetInt32());
        var maximum = int.Parse(Arm.Evaluate(scale.GetProperty("maximumInstanceCount"), site.Module)!, CultureInfo.InvariantCulture);
        Assert.InRange(maximum, 40, 100); // 40 is the plan's lowest maximum; more only raises what a flood can cost

        var storage = config.GetProperty("deployment").GetProperty("storage");
        Assert.Equal("blobContainer", storage.GetProperty("type").GetString());
        Assert.Equal("UserAssignedIdentity", storage.GetProperty("authentication").GetProperty("type").GetString());
        Assert.False(storage.GetProperty("authentication").TryGetProperty("storageAccountConnectionStringName", out _));

        var identity = site.Resource.GetProperty("identity");
        Assert.Equal("UserAssigned", identity.GetProperty("type").GetString());
        Assert.Equal(site.Properties.GetProperty("keyVaultReferenceIdentity").GetString(),
            storage.GetProperty("authentication").GetProperty("userAssignedIdentityResourceId").GetString());
    }

    [Fact]
    public void Everything_is_https_only_with_TLS_1_2_and_no_basic_auth()
    {
        var site = Arm.Single("Microsoft.Web/sites");
        Assert.True(site.Properties.GetProperty("httpsOnly").GetBoolean());
        var siteConfig = site.Properties.GetProperty("siteConfig");
        Assert.Equal("1.2", siteConfig.GetProperty("minTlsVersion").GetString());
        Assert.Equal("1.2", siteConfig.GetProperty("scmMinTlsVersion").GetString());
        // FTP is closed by the basic-publishing policies below, not by ftpsState, which Flex Consumption rejects.

        var policies = Arm.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(2, policies.Count);
        Assert.All(policies, p => Assert.False(p.Properties.GetProperty("allow").GetBoolean()));

        var storage = Arm.Single("Microsoft.Storage/storageAccounts").Properties;
        Assert.False(storage.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.False(storage.GetProperty("allowBlobPublicAccess").GetBoolean());
        Assert.True(storage.GetProperty("supportsHttpsTrafficOnly").GetBoolean());
        Assert.Equal("TLS1_2", storage.GetProperty("minimumTlsVersion").GetString());
        Assert.True(storage.GetProperty("defaultToOAuthAuthentication").GetBoolean());
        Assert.Equal("None", Arm.Single("Microsoft.Storage/storageAccounts/blobServices/containers").Properties.GetProperty("publicAccess").GetString());

        var vault = Arm.Single("Microsoft.KeyVault/vaults").Properties;
        Assert.True(vault.GetProperty("enableRbacAuthorization").GetBoolean());
    }

    [Fact]
    public void Host_and_tables_reach_storage_with_the_identity_not_a_key()
    {
        var settings = Settings();
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"].Value);
        Assert.Contains("storageAccountName", settings["AzureWebJobsStorage__accountName"].Raw);
        Assert.Contains("identityClientId", settings["AzureWebJobsStorage__clientId"].Raw);
        Assert.Contains("tableEndpoint", settings["Storage__TableServiceUri"].Raw);
        Assert.Equal(settings["AzureWebJobsStorage__clientId"].Raw, settings["Storage__ClientId"].Raw);
        Assert.Contains("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"].Raw);

        // No connection string for storage anywhere, and none of the settings Flex Consumption no longer takes.
        foreach (var forbidden in new[]
        {
            "AzureWebJobsStorage", "MONITOR_STORAGE", "Storage__ConnectionString", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
            "WEBSITE_CONTENTSHARE", "WEBSITE_RUN_FROM_PACKAGE", "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION",
            "DEPLOYMENT_STORAGE_CONNECTION_STRING",
        })
            Assert.False(settings.ContainsKey(forbidden), $"the app setting {forbidden} must not be set");
    }

    [Fact]
    public void No_account_key_or_secret_in_outputs_or_settings()
    {
        var text = Arm.Root.GetRawText();
        foreach (var forbidden in new[] { "listKeys", "listAccountSas", "listServiceSas", "listSecrets", "AccountKey=", "SharedAccessSignature", "listCredentials" })
            Assert.DoesNotContain(forbidden, text, StringComparison.OrdinalIgnoreCase);

        // No template, main or module, outputs anything secure or anything computed from a secure parameter.
        foreach (var template in Arm.Templates())
        {
            var secure = template.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateObject().Where(p => p.Value.GetProperty("type").GetString()!.StartsWith("secure", StringComparison.OrdinalIgnoreCase)).Select(p => p.Name).ToList()
                : [];
            if (!template.TryGetProperty("outputs", out var outputs)) continue;
            foreach (var output in outputs.EnumerateObject())
            {
                Assert.DoesNotContain("secure", output.Value.GetProperty("type").GetString()!, StringComparison.OrdinalIgnoreCase);
                var value = output.Value.GetProperty("value").GetRawText();
                foreach (var name in secure) Assert.DoesNotContain($"parameters('{name}')", value);
                Assert.DoesNotContain("Password", output.Name, StringComparison.OrdinalIgnoreCase);
            }
        }

        // The password goes only into the Key Vault secret; the app setting is a reference to it.
        var secret = Arm.Single("Microsoft.KeyVault/vaults/secrets");
        Assert.Equal("[parameters('smtpPassword')]", secret.Properties.GetProperty("value").GetString());
        Assert.Equal("securestring", secret.Template.GetProperty("parameters").GetProperty("smtpPassword").GetProperty("type").GetString());
        var passwordUses = Arm.Resources().Where(e => e.Resource.GetRawText().Contains("smtpPassword')", StringComparison.Ordinal)).ToList();
        Assert.Equal([secret.Resource.GetRawText()], passwordUses.Select(e => e.Resource.GetRawText()));

        var site = Arm.Single("Microsoft.Web/sites");
        var reference = ArmTemplate.PassedToModule(site, "smtpVaultReference");
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri={0}secrets/{1}/)'", reference);
        Assert.Contains("smtpVaultReference", Settings()["Smtp__Password"].Raw);
        foreach (var (name, raw, _) in Arm.AppSettings())
            Assert.DoesNotContain("smtpPassword", raw, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_identity_holds_exactly_the_roles_it_needs()
    {
        var assignments = Arm.OfType("Microsoft.Authorization/roleAssignments").ToList();
        var app = assignments.Where(a => a.Properties.GetProperty("principalId").GetString() == "[parameters('principalId')]").ToList();
        var roles = app.Select(a => RoleId(a)).Order().ToList();
        Assert.Equal(new[] { Roles.StorageBlobDataOwner, Roles.StorageTableDataContributor, Roles.KeyVaultSecretsUser, Roles.MonitoringMetricsPublisher }.Order(), roles);
        Assert.All(app, a => Assert.Equal("ServicePrincipal", a.Properties.GetProperty("principalType").GetString()));

        // Each on its own resource, never the resource group or subscription.
        var scopes = app.ToDictionary(a => RoleId(a), a => a.Resource.GetProperty("scope").GetString()!);
        Assert.Contains("Microsoft.Storage/storageAccounts", scopes[Roles.StorageBlobDataOwner]);
        Assert.Contains("Microsoft.Storage/storageAccounts", scopes[Roles.StorageTableDataContributor]);
        Assert.Contains("Microsoft.KeyVault/vaults", scopes[Roles.KeyVaultSecretsUser]);
        Assert.Contains("Microsoft.Insights/components", scopes[Roles.MonitoringMetricsPublisher]);

        // Queues are for queue- and blob-triggered functions, which Monitor has none of; nothing broad anywhere.
        var all = assignments.Select(a => RoleId(a)).ToList();
        Assert.DoesNotContain(Roles.StorageQueueDataContributor, all);
        Assert.DoesNotContain(Roles.Owner, all);
        Assert.DoesNotContain(Roles.Contributor, all);
        Assert.DoesNotContain(Roles.StorageAccountContributor, all);

        // The optional operator's roles exist only when an operator is named.
        var operatorRoles = assignments.Except(app).ToList();
        Assert.All(operatorRoles, a => Assert.Contains("operatorPrincipalId", a.Resource.GetProperty("condition").GetString()));
        Assert.Equal(new[] { Roles.StorageTableDataContributor, Roles.KeyVaultSecretsOfficer }.Order(), operatorRoles.Select(a => RoleId(a)).Order());
    }

    [Fact]
    public void Telemetry_is_capped_inside_the_free_5_GB_a_month()
    {
        var workspace = Arm.Single("Microsoft.OperationalInsights/workspaces");
        Assert.Equal("PerGB2018", workspace.Properties.GetProperty("sku").GetProperty("name").GetString());
        Assert.InRange(workspace.Properties.GetProperty("retentionInDays").GetInt32(), 30, 31); // included in the price
        var cap = workspace.Properties.GetProperty("workspaceCapping").GetProperty("dailyQuotaGb");
        Assert.Equal("[json(parameters('dailyCapGb'))]", cap.GetString());
        var passed = ArmTemplate.PassedToModule(workspace, "dailyCapGb");
        var daily = double.Parse(Arm.Evaluate(JsonDocument.Parse($"\"{passed}\"").RootElement, null)!, CultureInfo.InvariantCulture);
        Assert.InRange(daily * 31, 0.1, 5.0);

        var insights = Arm.Single("Microsoft.Insights/components").Properties;
        Assert.True(insights.GetProperty("DisableLocalAuth").GetBoolean());
        Assert.Equal("LogAnalytics", insights.GetProperty("IngestionMode").GetString());
        Assert.Contains("Microsoft.OperationalInsights/workspaces", insights.GetProperty("WorkspaceResourceId").GetString());
    }

    /// <summary>
    /// Site properties and app settings that Microsoft's Flex Consumption documentation lists as deprecated or not
    /// supported ("Flex Consumption plan", deprecated properties), with the doc's reason as best recorded here.
    /// Newer regional stamps reject a deployment that sets one (e.g. "SiteConfig.FtpsState ... for Flex Consumption
    /// sites is invalid").
    /// </summary>
    private static readonly Dictionary<string, string> FlexDeprecatedSiteProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        ["alwaysOn"] = "not supported; use always ready instances",
        ["containerSize"] = "replaced by instanceMemoryMB",
        ["ftpsState"] = "FTPS not supported",
        ["isReserved"] = "not applicable",
        ["IsXenon"] = "not applicable",
        ["javaVersion"] = "replaced by functionAppConfig.runtime",
        ["LinuxFxVersion"] = "replaced by functionAppConfig.runtime",
        ["netFrameworkVersion"] = "replaced by functionAppConfig.runtime",
        ["powerShellVersion"] = "replaced by functionAppConfig.runtime",
        ["functionAppScaleLimit"] = "replaced by maximumInstanceCount",
        ["preWarmedInstanceCount"] = "replaced by always ready instances",
        ["use32BitWorkerProcess"] = "32-bit not supported",
        ["nodeVersion"] = "replaced by functionAppConfig.runtime",
        ["pythonVersion"] = "replaced by functionAppConfig.runtime",
    };

    private static readonly Dictionary<string, string> FlexDeprecatedAppSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["FUNCTIONS_EXTENSION_VERSION"] = "set by the backend; not used",
        ["FUNCTIONS_WORKER_RUNTIME"] = "replaced by functionAppConfig.runtime.name",
        ["FUNCTIONS_WORKER_RUNTIME_VERSION"] = "replaced by functionAppConfig.runtime.version",
        ["WEBSITE_CONTENTAZUREFILECONNECTIONSTRING"] = "not supported: no content share",
        ["WEBSITE_CONTENTSHARE"] = "not supported: no content share",
        ["WEBSITE_CONTENTOVERVNET"] = "not supported",
        ["WEBSITE_NODE_DEFAULT_VERSION"] = "replaced by functionAppConfig.runtime",
        ["WEBSITE_RUN_FROM_PACKAGE"] = "replaced by functionAppConfig.deployment.storage",
        ["WEBSITE_SKIP_CONTENTSHARE_VALIDATION"] = "not supported: no content share",
        ["WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT"] = "replaced by maximumInstanceCount",
        ["WEBSITE_USE_PLACEHOLDER_DOTNETISOLATED"] = "not applicable",
        ["WEBSITE_VNET_ROUTE_ALL"] = "replaced by vnetRouteAllEnabled",
        ["ENABLE_ORYX_BUILD"] = "replaced by the remote build option of deployment",
        ["SCM_DO_BUILD_DURING_DEPLOYMENT"] = "replaced by the remote build option of deployment",
    };

    [Fact]
    public void Nothing_on_the_flex_consumption_deprecation_list_is_set()
    {
        var site = Arm.Single("Microsoft.Web/sites");
        var set = new List<string>();
        void Walk(JsonElement element, string path)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    if (FlexDeprecatedSiteProperties.TryGetValue(property.Name, out var why)) set.Add($"{path}.{property.Name} ({why})");
                    Walk(property.Value, $"{path}.{property.Name}");
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray()) Walk(item, path + "[]");
            }
        }
        Walk(site.Properties, "properties");
        foreach (var config in Arm.OfType("Microsoft.Web/sites/config")) Walk(config.Properties, "config");
        foreach (var (name, _, _) in Arm.AppSettings())
            if (FlexDeprecatedAppSettings.TryGetValue(name, out var why)) set.Add($"app setting {name} ({why})");
        Assert.True(set.Count == 0, "Flex Consumption deprecates: " + string.Join("; ", set));

        // The checker sees what it looks for: the walk would find ftpsState where it used to be.
        using var old = JsonDocument.Parse("""{"siteConfig": {"ftpsState": "Disabled", "appSettings": []}}""");
        var found = new List<string>();
        foreach (var p in old.RootElement.GetProperty("siteConfig").EnumerateObject())
            if (FlexDeprecatedSiteProperties.ContainsKey(p.Name)) found.Add(p.Name);
        Assert.Equal(["ftpsState"], found);
    }

    [Fact]
    public void Location_is_restricted_to_flex_consumption_regions_and_azd_prompts_for_it()
    {
        var location = Bicep.Compiled.GetProperty("parameters").GetProperty("location");
        var allowed = location.GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()!).ToList();
        Assert.Contains("swedencentral", allowed);
        Assert.Contains("eastus", allowed);
        Assert.Contains("westeurope", allowed);
        Assert.InRange(allowed.Count, 20, 40);
        Assert.All(allowed, a => Assert.Matches("^[a-z0-9]+$", a));
        Assert.DoesNotContain(allowed, a => a.EndsWith("euap", StringComparison.Ordinal)); // canary regions are not for users
        Assert.Equal("location", location.GetProperty("metadata").GetProperty("azd").GetProperty("type").GetString());
    }

    [Fact]
    public void Alerts_mail_the_azd_address_when_timers_fail_passes_stop_or_the_cap_is_hit()
    {
        var group = Arm.Single("Microsoft.Insights/actionGroups");
        var receiver = Assert.Single(group.Properties.GetProperty("emailReceivers").EnumerateArray());
        Assert.Equal("[parameters('alertEmail')]", receiver.GetProperty("emailAddress").GetString());
        Assert.Equal("[parameters('alertEmail')]", ArmTemplate.PassedToModule(group, "alertEmail"));
        Assert.True(receiver.GetProperty("useCommonAlertSchema").GetBoolean());

        var rule = Arm.Single("Microsoft.Insights/scheduledQueryRules");
        Assert.True(rule.Properties.GetProperty("enabled").GetBoolean());
        Assert.Equal("PT15M", rule.Properties.GetProperty("evaluationFrequency").GetString());
        Assert.Contains("workspaceId", rule.Properties.GetProperty("scopes")[0].GetString());
        Assert.Contains("'monitoring'", ArmTemplate.PassedToModule(rule, "workspaceId")); // the workspace behind Application Insights
        Assert.Contains(Arm.Templates(), t => t.TryGetProperty("outputs", out var o) && o.TryGetProperty("workspaceId", out var w)
            && w.GetProperty("value").GetString()!.Contains("Microsoft.OperationalInsights/workspaces", StringComparison.Ordinal));
        Assert.Contains("actionGroups", rule.Properties.GetProperty("actions").GetProperty("actionGroups")[0].GetString());
        var criterion = Assert.Single(rule.Properties.GetProperty("criteria").GetProperty("allOf").EnumerateArray());
        Assert.Equal(("GreaterThan", 0), (criterion.GetProperty("operator").GetString(), criterion.GetProperty("threshold").GetInt32()));
        var query = criterion.GetProperty("query").GetString()!;
        var variable = Regex.Match(query, @"^\[variables\('(\w+)'\)\]$");
        if (variable.Success) query = rule.Template.GetProperty("variables").GetProperty(variable.Groups[1].Value).GetString()!;
        // Twice in a row, for both timers: the last two runs of each, both failed.
        Assert.Contains("\"PollFeeds\", \"SendDigest\"", query);
        Assert.Contains("Run <= 2", query);
        Assert.Contains("Runs == 2 and Failures == 2", query);
        // No successful pass for an hour.
        Assert.Contains("ago(1h) and Name == \"PollFeeds\" and Success == true", query);
        Assert.Contains("where passes == 0", query);
        // The daily cap: the workspace says so in _LogOperation, which the cap does not stop.
        Assert.Contains("_LogOperation", query);
        Assert.Contains("OverQuota", query);
        Assert.Contains("union failedTwice, noPass, capped", query);
    }

    [Fact]
    public void A_monthly_budget_of_a_dollar_mails_the_same_address()
    {
        var budget = Arm.Single("Microsoft.Consumption/budgets");
        Assert.Equal("Monthly", budget.Properties.GetProperty("timeGrain").GetString());
        Assert.Equal("Cost", budget.Properties.GetProperty("category").GetString());
        Assert.Equal("[json(parameters('monthlyBudget'))]", budget.Properties.GetProperty("amount").GetString());
        Assert.Equal("1", Arm.Evaluate(JsonDocument.Parse($"\"{ArmTemplate.PassedToModule(budget, "monthlyBudget")}\"").RootElement, null));
        Assert.Contains("utcNow('yyyy-MM-01')", budget.Template.GetProperty("parameters").GetProperty("budgetStartDate").GetProperty("defaultValue").GetString());
        var notifications = budget.Properties.GetProperty("notifications").EnumerateObject().Select(n => n.Value).ToList();
        Assert.Equal(["Actual", "Forecasted"], notifications.Select(n => n.GetProperty("thresholdType").GetString()).Order());
        Assert.All(notifications, n => Assert.Equal(["[parameters('alertEmail')]"], n.GetProperty("contactEmails").EnumerateArray().Select(e => e.GetString())));
        Assert.All(notifications, n => Assert.Equal(100, n.GetProperty("threshold").GetInt32()));
        // The address is required: azd asks for it (ALERT_EMAIL), and an empty one is refused.
        var email = Bicep.Compiled.GetProperty("parameters").GetProperty("alertEmail");
        Assert.False(email.TryGetProperty("defaultValue", out _));
        Assert.Equal(3, email.GetProperty("minLength").GetInt32());
    }

    /// <summary>The role definition's GUID, literal or (as Bicep compiles a variable) looked up in the declaring template.</summary>
    private static string RoleId(ArmTemplate.Entry assignment)
    {
        var definition = assignment.Properties.GetProperty("roleDefinitionId").GetString()!;
        var literal = Regex.Match(definition, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        if (literal.Success) return literal.Value;
        var variable = Regex.Match(definition, @"variables\('(\w+)'\)\.(\w+)");
        Assert.True(variable.Success, $"unexpected roleDefinitionId {definition}");
        return assignment.Template.GetProperty("variables").GetProperty(variable.Groups[1].Value).GetProperty(variable.Groups[2].Value).GetString()!;
    }
}
