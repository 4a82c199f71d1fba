using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Monitor.Api.Http;

/// <summary>
/// The continuation token clients see: base64url of a version, a fingerprint of the query it belongs to, and
/// Table Storage's own token. Clients pass it back as is; a token that does not decode, or belongs to another
/// query (other topic, claim, article or dates), is a 400, so it never reaches storage malformed.
/// </summary>
public static class ContinuationToken
{
    private const string Version = "1";
    private const int MaxLength = 2048;

    /// <summary>What the token is bound to: everything that decides which rows a page reads (not the page size).</summary>
    public static string Scope(string articleId, string topicId, string? claimId, DateTimeOffset? since, DateTimeOffset? until)
    {
        var text = $"{articleId}\n{topicId}\n{claimId}\n{since?.UtcTicks}\n{until?.UtcTicks}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    public static string Encode(string storageToken, string scope) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Version}.{scope}.{storageToken}"));

    /// <summary>The storage token inside <paramref name="token"/>, or an <see cref="ApiProblemException"/> saying why not.</summary>
    public static string Decode(string token, string scope)
    {
        if (token.Length > MaxLength || !Base64Url.IsValid(token))
            throw Malformed("it is not a token this API gave out (pass the 'continuation' of the previous page as it is)");
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(token)); }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw Malformed("it is not a token this API gave out (pass the 'continuation' of the previous page as it is)");
        }
        var parts = text.Split('.', 3);
        if (parts.Length != 3 || parts[0] != Version || !IsStorageToken(parts[2]))
            throw Malformed("it is not a token this API gave out (pass the 'continuation' of the previous page as it is)");
        if (parts[1] != scope)
            throw Malformed("it belongs to another query: keep article, topic, claim, since and until as they were for the first page");
        return parts[2];
    }

    /// <summary>The SDK's token: next partition key and next row key, separated by one space, printable ASCII.</summary>
    private static bool IsStorageToken(string text)
    {
        var space = text.IndexOf(' ');
        return space > 0 && space < text.Length - 1 && text.IndexOf(' ', space + 1) < 0
               && text.All(c => c == ' ' || c is > ' ' and <= '~');
    }

    private static ApiProblemException Malformed(string why) =>
        new(ApiProblem.InvalidContinuation($"the continuation token is not valid: {why}"));
}
