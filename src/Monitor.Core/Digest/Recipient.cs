using MimeKit;
using Monitor.Core.Articles;

namespace Monitor.Core.Digest;

/// <summary>Who gets a digest, and which topics of the article it covers for them (null: every topic).</summary>
public sealed record Recipient(string Address, IReadOnlyList<string>? Topics = null)
{
    public bool Follows(string topicId) => Topics is null || Topics.Contains(topicId);

    /// <summary>
    /// Parses Digest:Recipients: comma-separated entries "address" or "address:topic+topic". Topic ids are
    /// checked against the article, so a typo fails loudly instead of silently sending nothing.
    /// </summary>
    public static IReadOnlyList<Recipient> ParseList(string? text, Article article, string setting = "Digest:Recipients")
    {
        var list = new List<Recipient>();
        foreach (var entry in (text ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var recipient = Parse(entry, article, setting);
            if (list.Any(r => r.Address.Equals(recipient.Address, StringComparison.OrdinalIgnoreCase)))
                throw new MonitorInputException($"{setting}: '{recipient.Address}' is listed twice");
            list.Add(recipient);
        }
        return list;
    }

    public static Recipient Parse(string entry, Article article, string setting = "--to")
    {
        entry = entry.Trim();
        // Topics follow the first ':' after the '@': an address has none there.
        var at = entry.IndexOf('@');
        var colon = at < 0 ? -1 : entry.IndexOf(':', at);
        var address = colon < 0 ? entry : entry[..colon].Trim();
        if (!MailboxAddress.TryParse(address, out var mailbox) || mailbox.Address.Length == 0 || !mailbox.Address.Contains('@')
            || address.Any(char.IsControl) || !string.IsNullOrEmpty(mailbox.Name))
            throw new MonitorInputException($"{setting}: '{address}' is not an e-mail address");
        if (colon < 0) return new Recipient(mailbox.Address);

        var topics = entry[(colon + 1)..].Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (topics.Count == 0) throw new MonitorInputException($"{setting}: '{entry}' names no topic after ':'");
        foreach (var topic in topics)
            if (article.FindTopic(topic) is null)
                throw new MonitorInputException(
                    $"{setting}: unknown topic '{topic}' for {mailbox.Address}; known topics: {string.Join(", ", article.Topics.Select(t => t.Id))}");
        return new Recipient(mailbox.Address, topics);
    }
}
