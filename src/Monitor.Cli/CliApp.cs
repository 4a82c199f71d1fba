using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monitor.Cli.Commands;
using Monitor.Core;
using Monitor.Core.Hosting;
using Monitor.Core.Storage;

namespace Monitor.Cli;

/// <summary>Parses the command line, wires the services through the composition root and turns every failure into one line.</summary>
public static class CliApp
{
    public const int ExitInput = 2;
    public const int ExitStorage = 3;

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        try
        {
            // MONITOR_SETTINGS beneath the environment, as the Functions app layers it.
            configuration = new ConfigurationBuilder().AddInMemoryCollection(ExtraSettings.Read(configuration)).AddConfiguration(configuration).Build();
        }
        catch (MonitorInputException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return ExitInput;
        }
        // Core's messages name option keys (Storage:ConnectionString); the user set environment variables (MONITOR_STORAGE).
        var names = new SettingNames(configuration);
        // Services are built on first use, so --help and parse errors never touch storage; building them validates
        // every option at once, as a host's start does (ValidateOnStart).
        ServiceProvider? provider = null;
        IServiceProvider Services()
        {
            if (provider is not null) return provider;
            provider = new ServiceCollection().AddMonitor(configuration).BuildServiceProvider();
            provider.GetService<IStartupValidator>()?.Validate();
            return provider;
        }

        var root = new RootCommand("Monitor: follows a story after it is published. Polls news feeds, links new items to the article's claims and answers what has been said since about each topic.")
        {
            PollCommand.Create(Services, stdout),
            FeedsCommand.Create(Services, stdout, stderr),
            CoverageCommand.Create(Services, stdout),
            SummaryCommands.Topics(Services, stdout),
            SummaryCommands.Claims(Services, stdout),
            RelinkCommand.Create(Services, stdout),
            ExplainCommand.Create(Services, stdout),
            ServeCommand.Create(configuration, stdout, stderr),
            DigestCommand.Create(Services, stdout, stderr),
            ArticleCommand.Create(Services, stdout),
            WorkerCommand.Create(Services, stdout),
            MigrateCommand.Create(Services, stdout),
        };
        try
        {
            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                stderr.WriteLine($"error: {ParseError(root, args, parsed.Errors[0].Message)} (see 'monitor --help')");
                return ExitInput;
            }
            var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
            return await parsed.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (names.Describe(e) is { } message)
        {
            stderr.WriteLine($"error: {message}");
            return ExitInput;
        }
        catch (StorageUnavailableException e)
        {
            stderr.WriteLine($"error: {names.Translate(e.Message)}");
            return ExitStorage;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("error: cancelled");
            return 130;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"error: unexpected {e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}");
            return 1;
        }
        finally
        {
            if (provider is not null) await provider.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A missing or unknown command is named, with the commands there are (System.CommandLine would only say that a
    /// required command was not provided); any other parse error is System.CommandLine's own message.
    /// </summary>
    private static string ParseError(RootCommand root, string[] args, string message)
    {
        var commands = string.Join(", ", root.Subcommands.Select(c => c.Name));
        if (args.Length == 0) return $"no command given; the commands are {commands}";
        var first = args[0];
        if (first.StartsWith('-') || root.Subcommands.Any(c => c.Name == first || c.Aliases.Contains(first))) return message;
        return $"unknown command '{first}'; the commands are {commands}";
    }
}
