using Monitor.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Monitor.Tests.Deployment;

/// <summary>The GitHub workflows users get: tests on pull requests, and a deployment of main that holds no secret.</summary>
public sealed class WorkflowTests
{
    private static string WorkflowText(string name) => File.ReadAllText(Path.Combine(RepoPaths.Root, ".github", "workflows", name));

    private static YamlMappingNode Workflow(string name)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(WorkflowText(name)));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static IEnumerable<string> Runs(YamlMappingNode workflow) =>
        ((YamlMappingNode)workflow["jobs"]).Children.Values.Cast<YamlMappingNode>()
            .SelectMany(job => ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>())
            .Where(step => step.Children.ContainsKey("run"))
            .Select(step => step["run"].ToString());

    private static IEnumerable<string> Uses(YamlMappingNode workflow) =>
        ((YamlMappingNode)workflow["jobs"]).Children.Values.Cast<YamlMappingNode>()
            .SelectMany(job => ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>())
            .Where(step => step.Children.ContainsKey("uses"))
            .Select(step => step["uses"].ToString());

    [Fact]
    public void Pull_requests_run_the_whole_test_suite()
    {
        var workflow = Workflow("build-and-test.yml");
        Assert.True(((YamlMappingNode)workflow["on"]).Children.ContainsKey("pull_request"));
        var uses = Uses(workflow).ToList();
        Assert.Contains(uses, u => u.StartsWith("actions/setup-dotnet@", StringComparison.Ordinal));
        Assert.Contains(uses, u => u.StartsWith("actions/setup-node@", StringComparison.Ordinal));
        var runs = Runs(workflow).ToList();
        Assert.Contains(runs, r => r.Contains("npm ci", StringComparison.Ordinal));
        Assert.Contains(runs, r => r.Contains("install", StringComparison.Ordinal) && r.Contains("chromium", StringComparison.Ordinal));
        Assert.Contains(runs, r => r.Trim() == "scripts/test.sh");
    }

    [Fact]
    public void Main_is_deployed_with_openid_connect_and_no_stored_secret()
    {
        var text = WorkflowText("azure-dev.yml");
        var workflow = Workflow("azure-dev.yml");
        var push = (YamlMappingNode)((YamlMappingNode)workflow["on"])["push"];
        Assert.Contains("main", ((YamlSequenceNode)push["branches"]).Children.Select(b => b.ToString()));
        Assert.Equal("write", ((YamlMappingNode)workflow["permissions"])["id-token"].ToString());

        Assert.DoesNotContain("secrets.", text, StringComparison.Ordinal); // variables only
        foreach (var variable in new[] { "AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_SUBSCRIPTION_ID" })
            Assert.Contains($"${{{{ vars.{variable} }}}}", text);
        var runs = Runs(workflow).ToList();
        Assert.Contains(runs, r => r.Contains("azd auth login", StringComparison.Ordinal) && r.Contains("--federated-credential-provider github", StringComparison.Ordinal));
        Assert.Contains(runs, r => r.Contains("azd provision --no-prompt", StringComparison.Ordinal));
        Assert.Contains(runs, r => r.Contains("azd deploy --no-prompt", StringComparison.Ordinal));
        Assert.DoesNotContain(runs, r => r.Contains("--client-secret", StringComparison.Ordinal));
        // Every azd value the parameters file reads may come from a repository variable (the password never).
        foreach (var name in new[] { "ALERT_EMAIL", "MONITOR_SETTINGS", "MONITOR_BUDGET", "DIGEST_RECIPIENTS", "SMTP_HOST", "POLL_SCHEDULE" })
            Assert.Matches(VariableFilter(text), name);
    }

    /// <summary>The jq test(...) pattern that picks which repository variables become azd values.</summary>
    private static string VariableFilter(string workflow)
    {
        var match = System.Text.RegularExpressions.Regex.Match(workflow, @"test\(""(\^\([^""]+\)\$)""\)");
        Assert.True(match.Success, "the workflow has no variable filter");
        return match.Groups[1].Value;
    }
}
