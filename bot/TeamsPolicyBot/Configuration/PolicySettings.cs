using System.ComponentModel.DataAnnotations;

namespace TeamsPolicyBot.Configuration;

/// <summary>Where approval and triage cards go, and who may act on them (<c>Comms</c> section).</summary>
public sealed class CommsOptions : IValidatableObject
{
    public const string Section = "Comms";

    /// <summary>The Teams team id of the Comms team ("19:...@thread.tacv2").</summary>
    [Required(ErrorMessage = "Comms:TeamId is required: the Teams id of the Communications & Engagement team.")]
    public string TeamId { get; set; } = string.Empty;

    /// <summary>The channel where approval and triage cards are posted ("19:...@thread.tacv2"), unless <see cref="Channels"/> names a workflow's own.</summary>
    [Required(ErrorMessage = "Comms:ChannelId is required: the channel where approval and triage cards are posted.")]
    public string ChannelId { get; set; } = string.Empty;

    /// <summary>A channel of the Comms team for each workflow's cards; each left out uses <see cref="ChannelId"/> (<see cref="CommsChannels"/>).</summary>
    public CommsWorkflowChannels Channels { get; set; } = new();

    /// <summary>Entra object ids of the people who may approve requests and triage incidents.</summary>
    [EntraObjectIds(Required = true)]
    public IList<string> ApproverIds { get; set; } = [];

    /// <summary>
    /// The connector endpoint for the Comms team (e.g. "https://smba.trafficmanager.net/emea/"),
    /// used only until the bot has seen a conversation in the Comms team, which gives the current one.
    /// It lets the bot read the team roster (to reach people who never talked to it) from day one.
    /// </summary>
    [Url]
    public string? ServiceUrl { get; set; }

    /// <summary>
    /// How long reading the Comms team roster may take when messaging someone the bot has never
    /// talked to. Callers are turn handlers: past this the person is reported unreachable for now.
    /// </summary>
    [SettingRange(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RosterLookupTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Where staff write to Comms, shown on decision and incident notices; the address policy 3.3 and 4.12 give.</summary>
    [EmailAddress(ErrorMessage = "Comms:ContactEmail must be an email address, such as comms@lshtm.ac.uk.")]
    public string ContactEmail { get; set; } = "comms@lshtm.ac.uk";

    /// <summary>A workflow's channel, when given, must be an id like <see cref="ChannelId"/>: empty means "use ChannelId", spaces are a mistake.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[] { ("AccountRequests", Channels.AccountRequests), ("Incidents", Channels.Incidents), ("Support", Channels.Support) })
        {
            if (value is { Length: > 0 } && value.Any(char.IsWhiteSpace))
            {
                yield return new ValidationResult(
                    $"Comms:Channels:{name} must be a Teams channel id of the Comms team, such as 19:...@thread.tacv2 (no spaces), or left out to use Comms:ChannelId.",
                    [nameof(Channels)]);
            }
        }
    }
}

/// <summary>The <c>Comms:Channels</c> section: each workflow's own channel, optional.</summary>
public sealed class CommsWorkflowChannels
{
    /// <summary>Approval cards and everything about official accounts (registrations, administrators, audits).</summary>
    public string? AccountRequests { get; set; }

    /// <summary>Triage cards and incident reminders.</summary>
    public string? Incidents { get; set; }

    /// <summary>Support referrals' channel cards (reference, urgency, status, case handler only) and their reminders.</summary>
    public string? Support { get; set; }
}

/// <summary>Senior managers told about escalated incidents (<c>Escalation</c> section).</summary>
public sealed class EscalationOptions
{
    public const string Section = "Escalation";

    [EntraObjectIds(Required = true)]
    public IList<string> ContactIds { get; set; } = [];
}

/// <summary>The people who take harassment support cases (<c>Support</c> section).</summary>
public sealed class SupportOptions
{
    public const string Section = "Support";

    [EntraObjectIds(Required = true)]
    public IList<string> CaseHandlerIds { get; set; } = [];

    /// <summary>
    /// How long an urgent referral (the person feels physically unsafe now) may wait for a case handler to take it
    /// before the case handlers, the escalation contacts and the channel thread are reminded, once. Half the
    /// incidents' 30: personal safety comes before reputation, and the case handlers were alerted at once already.
    /// </summary>
    [SettingRange(1, 24 * 60, ErrorMessage = "Support:TakeWithinMinutes must be between 1 and 1440 minutes.")]
    public int TakeWithinMinutes { get; set; } = 15;
}

/// <summary>
/// Who manages whom, for when Microsoft Graph is not configured (<c>Directory</c> section):
/// <c>Directory:Managers:{userObjectId} = {managerObjectId}</c>.
/// </summary>
public sealed class DirectoryOptions
{
    public const string Section = "Directory";

    [EntraObjectIdMap]
    public IDictionary<string, string> Managers { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
