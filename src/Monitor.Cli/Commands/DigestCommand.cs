using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Core;
using Monitor.Core.Digest;

namespace Monitor.Cli.Commands;

/// <summary>`digest`: send the due digest by hand (exactly once, like the timer), or preview it.</summary>
internal static class DigestCommand
{
    /// <summary>Who a preview is for when no recipient is configured: every topic.</summary>
    public const string PreviewAddress = "preview@localhost";

    public static Command Create(Func<IServiceProvider> services, TextWriter stdout, TextWriter stderr)
    {
        var date = new Option<string?>("--date") { Description = "The local date of the digest (yyyy-MM-dd, in Digest__TimeZone); default: the one due now." };
        var to = new Option<string?>("--to") { Description = "Only this recipient (ADDR, or ADDR:topic+topic); default: Digest__Recipients." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Compose and print the plain-text part; send and record nothing." };
        var output = new Option<string?>("--out") { Description = "Write the HTML part to this file (a preview: implies --dry-run)." };
        var command = new Command("digest", "Send the daily digest that is due (each recipient once per day), or preview it.") { date, to, dryRun, output };
        command.SetAction(async (parse, ct) =>
        {
            var runner = services().GetRequiredService<DigestRunner>();
            var file = parse.GetValue(output);
            var preview = parse.GetValue(dryRun) || file is not null;
            var recipients = Recipients(runner, parse.GetValue(to), preview);
            if (file is not null && recipients.Count != 1)
                throw new MonitorInputException($"--out writes one digest, and {recipients.Count} recipients are configured: choose one with --to");
            var request = new DigestRequest { Date = ParseDate(parse.GetValue(date)), Recipients = recipients, DryRun = preview };
            var run = await runner.RunAsync(request, ct).ConfigureAwait(false);
            if (preview) return await PrintPreviewAsync(run, file, stdout, ct).ConfigureAwait(false);
            foreach (var r in run.Results) stdout.WriteLine(Describe(r, run.Transport));
            if (run.Failed.Count == 0) return 0;
            stderr.WriteLine($"error: {run.Failed.Count} of {run.Results.Count} digests not sent; the next run retries them");
            return 1;
        });
        return command;
    }

    private static IReadOnlyList<Recipient> Recipients(DigestRunner runner, string? to, bool preview)
    {
        var configured = runner.Recipients;
        if (to is not null)
        {
            var asked = Recipient.Parse(to, runner.Article, "--to");
            // A configured recipient keeps its topics unless --to names others.
            return [asked.Topics is null ? configured.FirstOrDefault(r => r.Address.Equals(asked.Address, StringComparison.OrdinalIgnoreCase)) ?? asked : asked];
        }
        if (configured.Count > 0) return configured;
        if (preview) return [new Recipient(PreviewAddress)];
        throw new MonitorInputException("no recipients: set Digest__Recipients, or give --to ADDR");
    }

    private static DateOnly? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        throw new MonitorInputException($"--date: '{text}' is not a date; use yyyy-MM-dd, e.g. 2024-03-31");
    }

    private static async Task<int> PrintPreviewAsync(DigestRun run, string? file, TextWriter stdout, CancellationToken ct)
    {
        foreach (var r in run.Results)
        {
            var d = r.Digest!;
            if (file is not null)
            {
                var path = Path.GetFullPath(file);
                try
                {
                    if (Path.GetDirectoryName(path) is { } dir) Directory.CreateDirectory(dir);
                    await File.WriteAllTextAsync(path, r.Message!.HtmlBody, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new MonitorInputException($"--out: cannot write '{path}': {e.Message}");
                }
                stdout.WriteLine($"Digest preview for {r.Recipient.Address} ({r.Date:yyyy-MM-dd}, {d.Stories} {(d.Stories == 1 ? "story" : "stories")}) written to {path}");
                continue;
            }
            stdout.WriteLine($"Subject: {r.Message!.Subject}");
            stdout.WriteLine($"To: {r.Recipient.Address}");
            stdout.WriteLine();
            stdout.Write(r.Message.TextBody);
            stdout.WriteLine();
        }
        return 0;
    }

    private static string Describe(DigestResult r, string transport) => r.Outcome switch
    {
        DigestOutcome.Sent => $"{r.Recipient.Address}: sent the digest of {r.Date:yyyy-MM-dd} ({r.Digest?.Stories ?? 0} stories) to {transport}"
            + (r.Warning is null ? "" : $"; warning: {r.Warning}"),
        DigestOutcome.Delivered => $"{r.Recipient.Address}: the digest of {r.Date:yyyy-MM-dd} was sent already",
        DigestOutcome.Held => $"{r.Recipient.Address}: another run is sending the digest of {r.Date:yyyy-MM-dd}",
        DigestOutcome.Skipped => $"{r.Recipient.Address}: nothing new for {r.Date:yyyy-MM-dd}; not sent (Digest__SkipEmpty)",
        DigestOutcome.Failed => $"{r.Recipient.Address}: NOT sent ({r.Date:yyyy-MM-dd}): {r.Error}",
        _ => $"{r.Recipient.Address}: {r.Outcome} ({r.Date:yyyy-MM-dd})",
    };
}
