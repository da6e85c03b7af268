using System.Text.RegularExpressions;

namespace TeamsPolicyBot.Storage;

/// <summary>
/// What each kind of value that becomes a key must look like, checked before it reaches a key and
/// before any storage call: the values arrive from cards and activities, which anyone can forge.
/// Each check returns the value in its one stored spelling or throws <see cref="MalformedKeyException"/>
/// (whose message names the kind of value, never the value).
/// </summary>
internal static partial class KeyFormats
{
    /// <summary>The longest Teams id (<c>29:…</c>, <c>19:…@thread.tacv2;messageid=…</c>, <c>a:…</c>) taken as a key; real ones are under 300 characters.</summary>
    public const int MaxTeamsIdLength = 400;

    /// <summary>A record reference as <c>ReferenceNumbers</c> makes them: <c>SMA-2026-0042</c>, <c>INC-…</c>, <c>HSR-…</c>.</summary>
    public static string Reference(string? reference) =>
        IsReference(reference)
            ? reference!.Trim()
            : throw new MalformedKeyException("The record reference is not of the form SMA-2026-0001.");

    public static bool IsReference(string? reference) =>
        reference?.Trim() is { Length: <= 20 } trimmed && ReferencePattern().IsMatch(trimmed);

    /// <summary>A form's submission id or a card's draft id: a GUID, written lowercase so both spellings are one id.</summary>
    public static string CardId(string? id, string what = "submission id") =>
        IsCardId(id)
            ? Guid.Parse(id!).ToString("D")
            : throw new MalformedKeyException($"The {what} is not a GUID.");

    public static bool IsCardId(string? id) => id is { Length: <= 64 } && Guid.TryParse(id, out _);

    /// <summary>An Entra object id: a GUID, lowercase.</summary>
    public static string ObjectId(string? aadObjectId) => CardId(aadObjectId, "Entra object id");

    public static bool IsObjectId(string? aadObjectId) => IsCardId(aadObjectId);

    /// <summary>A Teams user or conversation id: not empty, not absurdly long, no control or key-breaking characters.</summary>
    public static string TeamsId(string? id, string what = "Teams id") =>
        IsTeamsId(id)
            ? id!
            : throw new MalformedKeyException($"The {what} is empty, too long or holds characters no Teams id has.");

    public static bool IsTeamsId(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= MaxTeamsIdLength && !id.Any(TableLimits.IsForbiddenInKey);

    [GeneratedRegex(@"^[A-Z]{2,5}-[0-9]{4}-[0-9]{4,9}$", RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();
}
