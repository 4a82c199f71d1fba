using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Core.Articles;
using Monitor.Core.Digest.Delivery;
using Monitor.Core.Feeds;
using Monitor.Core.Feeds.Subscriptions;
using Monitor.Core.Storage;

namespace Monitor.Core.Digest;

/// <summary>
/// Sends each recipient the digest that is due, exactly once. Per recipient and local date: lease the row
/// (insert, or ETag-checked takeover of a failed or abandoned one), compose, mark "sending", hand the message
/// to the server, mark "sent". A send that fails marks the row "failed", so the next run retries and covers the
/// whole time since the last digest delivered. See README "Digest" for the one window left.
/// </summary>
public sealed class DigestRunner(
    DigestStore store,
    DigestComposer composer,
    ArticleCatalog catalog,
    IOptions<DigestOptions> options,
    IDigestTransport transport,
    SubscriptionHealth subscriptions,
    HealthStore healthMarks,
    TimeProvider time,
    ILogger<DigestRunner> logger)
{
    /// <summary>The sender used for previews when Digest:From is not set.</summary>
    public const string PreviewFrom = "monitor@localhost";

    public Article Article => catalog.Get(options.Value.Article);

    public DigestSchedule Schedule => DigestSchedule.From(options.Value);

    /// <summary>The configured recipients (Digest:Recipients).</summary>
    public IReadOnlyList<Recipient> Recipients => Recipient.ParseList(options.Value.Recipients, Article);

    public async Task<DigestRun> RunAsync(DigestRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= new DigestRequest();
        var o = options.Value;
        var article = Article;
        var schedule = Schedule;
        var recipients = request.Recipients ?? Recipients;
        var now = time.GetUtcNow();
        if (recipients.Count == 0) return new DigestRun([], transport.Describe());
        if (request.DryRun) return new DigestRun(await PreviewAsync(request, recipients, article, schedule, now, cancellationToken).ConfigureAwait(false), "none (dry run)");

        var date = request.Date ?? schedule.DueDate(now);
        if (schedule.DueAt(date) > now)
            throw new MonitorInputException($"the digest of {date:yyyy-MM-dd} is not due until {schedule.ToLocal(schedule.DueAt(date)):yyyy-MM-dd HH:mm} {schedule.Zone.Id}");
        var from = string.IsNullOrWhiteSpace(o.From) ? throw new MonitorInputException("Digest:From is not set: the sender address of the digest") : o.From;
        DigestMessage.Sender(from); // a bad sender is a setting to fix, before any digest is leased

        // Read first, so a run with nothing due costs no SMTP connection.
        var results = new List<DigestResult>();
        var due = new List<Recipient>();
        foreach (var r in recipients)
        {
            var existing = await store.GetAsync(r.Address, date, cancellationToken).ConfigureAwait(false);
            if (existing?.Delivered == true) results.Add(new DigestResult(r, date, DigestOutcome.Delivered));
            else if (existing?.IsHeld(now, o.Lease) == true) results.Add(new DigestResult(r, date, DigestOutcome.Held));
            else if (request.Date is not null && await store.LastDeliveredFromAsync(r.Address, date.AddDays(1), cancellationToken).ConfigureAwait(false) is { } later)
                throw new MonitorInputException($"the digest of {later.Date:yyyy-MM-dd} to {r.Address} already covered {date:yyyy-MM-dd}");
            else due.Add(r);
        }
        if (due.Count == 0) return new DigestRun(results, transport.Describe());

        IDigestSession session;
        try
        {
            session = await transport.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (MonitorInputException or OperationCanceledException))
        {
            // Nothing was leased: the next run simply tries again.
            var error = $"cannot reach {transport.Describe()}: {Reason(e)}";
            logger.LogError(e, "Digest: {Error}", error);
            results.AddRange(due.Select(r => new DigestResult(r, date, DigestOutcome.Failed) { Error = error }));
            return new DigestRun(results, transport.Describe());
        }

        await using (session)
        {
            var health = await FeedHealth.LoadAsync(subscriptions, cancellationToken).ConfigureAwait(false);
            var run = new DeliveryRun(date, from, article, schedule, health, session, Owner: Guid.NewGuid().ToString("N"));
            foreach (var r in due)
                results.Add(await DeliverAsync(r, run, cancellationToken).ConfigureAwait(false));
        }
        return new DigestRun(results, transport.Describe());
    }

    /// <summary>What every recipient's delivery in one run shares.</summary>
    private sealed record DeliveryRun(DateOnly Date, string From, Article Article, DigestSchedule Schedule, FeedHealth Health, IDigestSession Session, string Owner);

    private async Task<DigestResult> DeliverAsync(Recipient r, DeliveryRun run, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var (date, from, article, schedule, health, session, owner) = run;
        var lease = await store.AcquireLeaseAsync(r.Address, date, owner, time.GetUtcNow(), o.Lease, cancellationToken).ConfigureAwait(false);
        if (lease.Outcome == LeaseOutcome.Delivered) return new DigestResult(r, date, DigestOutcome.Delivered);
        if (lease.Outcome == LeaseOutcome.Held) return new DigestResult(r, date, DigestOutcome.Held);
        var record = lease.Record!;
        var mayRepeat = lease.TakenOverFrom == DigestStatus.Sending;
        if (mayRepeat)
            logger.LogWarning("Digest of {Date} to {Recipient}: a run was cut off while sending it; sending again (it may have arrived)", date, r.Address);

        DailyDigest digest;
        MimeKit.MimeMessage message;
        try
        {
            digest = await ComposeAsync(r, date, article, schedule, health, cancellationToken).ConfigureAwait(false);
            record.Start = digest.Period.Start;
            record.End = digest.Period.End;
            record.Stories = digest.Stories;
            record.ItemIds = digest.ItemIds.Select(FeedState.SeenKey).ToList();
            if (digest.IsQuiet && o.SkipEmpty)
            {
                record.Status = DigestStatus.Skipped;
                record.LastError = null;
                return await store.TrySaveAsync(record, cancellationToken).ConfigureAwait(false)
                    ? new DigestResult(r, date, DigestOutcome.Skipped) { Digest = digest }
                    : new DigestResult(r, date, DigestOutcome.Held);
            }
            message = DigestMessage.Build(digest, from, time.GetUtcNow());
            record.Status = DigestStatus.Sending;
            record.SendingAt = time.GetUtcNow();
            record.MessageId = message.MessageId;
            record.Subject = message.Subject;
            // The lease is re-checked here: a run slower than the lease has lost it and must not send.
            if (!await store.TrySaveAsync(record, cancellationToken).ConfigureAwait(false))
                return new DigestResult(r, date, DigestOutcome.Held);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return await FailAsync(record, r, date, $"could not compose the digest: {Reason(e)}", e).ConfigureAwait(false);
        }

        try
        {
            await session.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return await FailAsync(record, r, date, Reason(e), e).ConfigureAwait(false);
        }

        // The server has the message: from here on only the mark is missing. It is one small write, retried by the client.
        record.Status = DigestStatus.Sent;
        record.SentAt = time.GetUtcNow();
        record.LastError = null;
        string? warning = null;
        try
        {
            if (!await store.TrySaveAsync(record, CancellationToken.None).ConfigureAwait(false))
                warning = "sent, but another run took the digest over meanwhile (the lease ran out): it may be sent twice";
        }
        catch (Exception e)
        {
            warning = $"sent, but the 'sent' mark could not be written ({Reason(e)}): the next run after the lease may send it again";
        }
        if (warning is not null) logger.LogCritical("Digest of {Date} to {Recipient}: {Warning}", date, r.Address, warning);
        else logger.LogInformation("Digest of {Date} sent to {Recipient}: {Stories} stories", date, r.Address, digest.Stories);
        try
        {
            await healthMarks.RecordDigestAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogWarning("Digest of {Date} to {Recipient}: sent, but the health mark could not be written: {Reason}", date, r.Address, Reason(e));
        }
        return new DigestResult(r, date, DigestOutcome.Sent) { Digest = digest, Message = message, MayRepeat = mayRepeat, Warning = warning };
    }

    private async Task<DigestResult> FailAsync(DigestRecord record, Recipient r, DateOnly date, string error, Exception e)
    {
        logger.LogError(e, "Digest of {Date} to {Recipient} failed: {Error}", date, r.Address, error);
        record.Status = DigestStatus.Failed;
        record.LastError = error;
        record.FailedAt = time.GetUtcNow();
        // Best effort: if this write fails too, the row stays claimed or sending and is taken over after the lease.
        try { await store.TrySaveAsync(record, CancellationToken.None).ConfigureAwait(false); }
        catch (Exception saveError) { logger.LogError(saveError, "Digest of {Date} to {Recipient}: the failure could not be recorded", date, r.Address); }
        return new DigestResult(r, date, DigestOutcome.Failed) { Error = error };
    }

    /// <summary>The period: from the end of the last digest delivered (else the previous day's send time) to now, at most to the next day's send time.</summary>
    private async Task<DailyDigest> ComposeAsync(Recipient r, DateOnly date, Article article, DigestSchedule schedule, FeedHealth health, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var previous = await store.LastDeliveredBeforeAsync(r.Address, date, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var end = Min(now, schedule.DueAt(date.AddDays(1)));
        var start = Min(previous?.End ?? schedule.DueAt(date.AddDays(-1)), end);
        var period = new DigestPeriod(date, start, end);
        var alreadySent = (previous?.ItemIds ?? []).ToHashSet();
        return await composer.ComposeAsync(r, article, period, schedule.Zone, health.Check(start, end, o.TroubleAfter), o.MaxItemAge, alreadySent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Composes without sending or recording: the digest the recipient would get next (or of the date asked).</summary>
    private async Task<IReadOnlyList<DigestResult>> PreviewAsync(DigestRequest request, IReadOnlyList<Recipient> recipients, Article article,
        DigestSchedule schedule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var from = string.IsNullOrWhiteSpace(options.Value.From) ? PreviewFrom : options.Value.From;
        var health = await FeedHealth.LoadAsync(subscriptions, cancellationToken).ConfigureAwait(false);
        var results = new List<DigestResult>();
        foreach (var r in recipients)
        {
            var date = request.Date ?? schedule.DueDate(now);
            if (request.Date is null && (await store.GetAsync(r.Address, date, cancellationToken).ConfigureAwait(false))?.Delivered == true)
                date = date.AddDays(1);
            var digest = await ComposeAsync(r, date, article, schedule, health, cancellationToken).ConfigureAwait(false);
            results.Add(new DigestResult(r, date, DigestOutcome.Previewed) { Digest = digest, Message = DigestMessage.Build(digest, from, now) });
        }
        return results;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    private static string Reason(Exception e) => SafeText.Shorten(string.IsNullOrWhiteSpace(e.Message) ? e.GetType().Name : e.Message, 300);
}
