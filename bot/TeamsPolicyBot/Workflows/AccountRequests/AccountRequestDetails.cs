using System.Globalization;
using TeamsPolicyBot.Forms;

namespace TeamsPolicyBot.Workflows.AccountRequests;

/// <summary>The person asking, as Teams identifies them. Email may be unknown (Teams does not always send it).</summary>
internal sealed record Requester(string AadObjectId, string TeamsUserId, string Name, string? Email);

/// <summary>
/// Someone who can post, edit and delete (policy 4.21). From the people picker we know the
/// object id; from the plain field, the email; sometimes both. The name is filled in when known.
/// </summary>
internal sealed record Administrator(string? AadObjectId, string? Email, string? Name = null);

/// <summary>A request's validated content. The confirmations are not kept: a request cannot exist without them.</summary>
internal sealed record AccountRequestDetails
{
    public required SocialPlatform Platform { get; init; }

    /// <summary>The platform's name when <see cref="Platform"/> is Other, else null.</summary>
    public string? PlatformOther { get; init; }
    public required string Handle { get; init; }
    public bool AlreadyExists { get; init; }

    /// <summary>Set exactly when <see cref="AlreadyExists"/>.</summary>
    public Uri? ExistingUrl { get; init; }
    public required UnitType UnitType { get; init; }
    public required string UnitName { get; init; }
    public required string Purpose { get; init; }
    public required string Audiences { get; init; }
    public required string StrategicAims { get; init; }
    public required string ContentPlan { get; init; }
    public required PostingFrequency PostingFrequency { get; init; }
    public required string Evaluation { get; init; }
    public required string Resourcing { get; init; }
    public required string SignOff { get; init; }
    public required Administrator SecondAdmin { get; init; }

    /// <summary>"Instagram", or the name given for Other.</summary>
    public string PlatformName =>
        SocialPlatforms.NameOf(Platform, PlatformOther);

    /// <summary>A one-line label for lists and card headers, e.g. "Instagram · @lshtm_malaria".</summary>
    public string Title => string.Create(CultureInfo.InvariantCulture, $"{PlatformName} · {Handle}");
}
