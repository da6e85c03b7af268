using System.Globalization;
using System.Net.Mail;

namespace TeamsPolicyBot.Forms;

/// <summary>
/// Collects one message per input while a validator reads a form. Each rule returns the cleaned
/// value (trimmed; whitespace-only counts as missing) or null after recording why, so a validator
/// reads top to bottom and every problem on the form is reported at once, not one per submit.
/// The first problem found for an input wins: a later cross-field rule never hides a basic one.
/// </summary>
internal sealed class FieldRules
{
    private readonly Dictionary<string, string> errors = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Errors => errors;

    public bool HasErrors => errors.Count > 0;

    public bool HasError(string field) => errors.ContainsKey(field);

    public void Fail(string field, string message) => errors.TryAdd(field, message);

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static string TooLong(int maxLength, int actualLength) =>
        string.Create(CultureInfo.InvariantCulture, $"Keep this to {maxLength:N0} characters or fewer (it is {actualLength:N0}).");

    /// <summary>One required free-text input on its own (a question, an answer, a message), checked.</summary>
    public static ValidationResult<string> RequiredText(string field, string? value, int maxLength, string whenMissing)
    {
        var rules = new FieldRules();
        var text = rules.Text(field, value, maxLength, whenMissing);
        return text is null ? ValidationResult<string>.Failure(rules.Errors) : ValidationResult<string>.Success(text);
    }

    /// <summary>Free text. <paramref name="whenMissing"/> null makes the input optional.</summary>
    public string? Text(string field, string? value, int maxLength, string? whenMissing)
    {
        var text = Clean(value);
        if (text is null)
        {
            if (whenMissing is not null)
            {
                Fail(field, whenMissing);
            }

            return null;
        }

        if (text.Length > maxLength)
        {
            Fail(field, TooLong(maxLength, text.Length));
            return null;
        }

        return text;
    }

    /// <summary>One of <paramref name="choices"/>; anything else (or nothing) is refused with <paramref name="whenInvalid"/>.</summary>
    public T? Choice<T>(string field, string? value, ChoiceSet<T> choices, string whenInvalid)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (choices.TryParse(Clean(value), out var item))
        {
            return item;
        }

        Fail(field, whenInvalid);
        return null;
    }

    /// <summary>
    /// A multi-select Input.ChoiceSet's comma-separated values, each one of <paramref name="choices"/>, without repeats.
    /// Nothing chosen gives an empty list, or a problem when <paramref name="whenMissing"/> is set.
    /// </summary>
    public IReadOnlyList<T> Choices<T>(string field, string? value, ChoiceSet<T> choices, string? whenMissing, string whenInvalid)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(choices);
        var parts = (Clean(value) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            if (whenMissing is not null)
            {
                Fail(field, whenMissing);
            }

            return [];
        }

        var items = new List<T>();
        foreach (var part in parts)
        {
            if (!choices.TryParse(part, out var item))
            {
                Fail(field, whenInvalid);
                return [];
            }

            if (!items.Contains(item))
            {
                items.Add(item);
            }
        }

        return items;
    }

    /// <summary>An absolute http or https address with a real host name.</summary>
    public Uri? Url(string field, string? value, int maxLength, string? whenMissing, string whenInvalid)
    {
        var text = Text(field, value, maxLength, whenMissing);
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && uri.Host.Contains('.', StringComparison.Ordinal)
            && !uri.Host.EndsWith('.'))
        {
            return uri;
        }

        Fail(field, whenInvalid);
        return null;
    }

    /// <summary>Longest box of links, most links in it, longest single link.</summary>
    public const int LinksMaxLength = 2000, MaxLinks = 10, LinkMaxLength = 500;

    public const string NotAWebAddress = "Enter each link in full, starting with https:// (for example https://x.com/someone/status/123), one per line.";

    /// <summary>
    /// One or more http(s) links pasted into one box, one per line (commas, spaces and tabs also separate them), at
    /// most <see cref="MaxLinks"/>; each bad one is named in the message. Null <paramref name="whenMissing"/> makes them optional.
    /// </summary>
    public List<Uri> Links(string field, string? value, string? whenMissing)
    {
        var text = Text(field, value, LinksMaxLength, whenMissing);
        if (text is null)
        {
            return [];
        }

        var parts = text.Split(['\n', '\r', ' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length > MaxLinks)
        {
            Fail(field, $"Paste at most {MaxLinks} links; mention any others under evidence.");
            return [];
        }

        var links = new List<Uri>();
        foreach (var part in parts)
        {
            var shown = part.Length <= 40 ? part : part[..40] + "…";
            if (Url(field, part, LinkMaxLength, whenMissing: null, $"\"{shown}\" is not a web address. {NotAWebAddress}") is { } link)
            {
                links.Add(link);
            }
        }

        return links;
    }

    /// <summary>A day as Input.Date sends it (yyyy-MM-dd), not after <paramref name="latest"/>.</summary>
    public DateOnly? Date(string field, string? value, DateOnly latest, string? whenMissing, string whenInvalid, string whenTooLate)
    {
        var text = Clean(value);
        if (text is null)
        {
            if (whenMissing is not null)
            {
                Fail(field, whenMissing);
            }

            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            Fail(field, whenInvalid);
            return null;
        }

        if (day > latest)
        {
            Fail(field, whenTooLate);
            return null;
        }

        return day;
    }

    /// <summary>A single plain address (no display name, no list), e.g. <c>name@example.ac.uk</c>.</summary>
    public string? Email(string field, string? value, int maxLength, string? whenMissing, string whenInvalid)
    {
        var text = Text(field, value, maxLength, whenMissing);
        if (text is null)
        {
            return null;
        }

        if (MailAddress.TryCreate(text, out var address)
            && string.Equals(address.Address, text, StringComparison.Ordinal)
            && address.Host.Contains('.', StringComparison.Ordinal)
            && !text.Any(char.IsWhiteSpace))
        {
            return text;
        }

        Fail(field, whenInvalid);
        return null;
    }

    /// <summary>A GUID (an Entra object id), returned in one spelling: lowercase "D" form.</summary>
    public string? Guid(string field, string? value, string? whenMissing, string whenInvalid)
    {
        var text = Clean(value);
        if (text is null)
        {
            if (whenMissing is not null)
            {
                Fail(field, whenMissing);
            }

            return null;
        }

        if (System.Guid.TryParse(text, out var id))
        {
            return id.ToString("D");
        }

        Fail(field, whenInvalid);
        return null;
    }

    /// <summary>A toggle: missing means false; anything but true/false is refused.</summary>
    public bool Toggle(string field, string? value, string whenInvalid)
    {
        var text = Clean(value);
        if (text is null || bool.TryParse(text, out var on) && !on)
        {
            return false;
        }

        if (bool.TryParse(text, out _))
        {
            return true;
        }

        Fail(field, whenInvalid);
        return false;
    }

    /// <summary>A confirmation the person must tick.</summary>
    public bool MustBeTrue(string field, string? value, string whenNotTrue)
    {
        if (bool.TryParse(Clean(value), out var on) && on)
        {
            return true;
        }

        Fail(field, whenNotTrue);
        return false;
    }
}
