using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core.Storage;

namespace Monitor.Cli.Commands;

internal static class MigrateCommand
{
    public static Command Create(Func<IServiceProvider> services, TextWriter stdout)
    {
        var command = new Command("migrate-keys", "Move items stored under the old month-only partition keys to month-and-bucket keys (safe to run again; see docs/storage.md).");
        command.SetAction(async (_, ct) =>
        {
            var moved = await services().GetRequiredService<ItemStore>().MigrateKeysAsync(ct).ConfigureAwait(false);
            stdout.WriteLine(moved == 0 ? "Nothing to move: every item already has a month-and-bucket key." : $"Moved {moved} items to month-and-bucket partition keys.");
            return 0;
        });
        return command;
    }
}
