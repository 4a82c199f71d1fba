using Microsoft.Extensions.Configuration;
using Monitor.Cli;

// The `monitor` command: the same services as the Functions app, run by hand.
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
return await CliApp.RunAsync(args, configuration, Console.Out, Console.Error);
