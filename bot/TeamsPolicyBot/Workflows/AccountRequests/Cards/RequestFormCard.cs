using TeamsPolicyBot.Cards;
using TeamsPolicyBot.Forms;

namespace TeamsPolicyBot.Workflows.AccountRequests.Cards;

/// <summary>
/// Binds cards/account-requests/request-form.json: the official account request form, new, shown again with its
/// problems, or opened to edit and resubmit after Comms asked for changes.
/// </summary>
/// <param name="SubmissionId">A new GUID each time the form is rendered; the submit button posts it back for idempotent submits.</param>
/// <param name="Values">What the inputs show (raw, NOT escaped).</param>
internal sealed record RequestFormCard(string SubmissionId, RequestFormValues Values)
{
    /// <summary>On a resubmission, the request's reference (posted back with the submit as <c>reference</c>); otherwise null.</summary>
    public string? Reference { get; init; }

    /// <summary>The message Comms wrote when asking for changes. Must already be escaped with <see cref="Markdown.Escape"/>.</summary>
    public string? ChangesMessage { get; init; }

    /// <summary>Who asked for the changes. Must already be escaped with <see cref="Markdown.Escape"/>.</summary>
    public string? ChangesRequestedBy { get; init; }

    /// <summary>
    /// The chosen second administrator's display name, so the people picker shows who <see cref="RequestFormValues.SecondAdmin"/>
    /// is when the form is shown again (a choice title: plain text, not escaped). Null when unknown.
    /// </summary>
    public string? SecondAdminName { get; init; }

    /// <summary>
    /// The problems to show, keyed by input id (see <see cref="RequestFormValues.FieldIds"/>), each a plain sentence
    /// such as "Enter the account name or handle." Only fields with an entry show a problem line.
    /// </summary>
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    /// <summary>True when this form edits an existing request (the title and the submit button change).</summary>
    public bool IsResubmission => Reference is not null;

    public bool HasErrors => Errors.Count > 0;

    /// <summary>"Please fix 1 thing below" / "Please fix 3 things below"; empty when there are no errors.</summary>
    public string ErrorSummary => FormInputs.ProblemsSummary(Errors.Count);

    /// <summary>An empty form with a new submission id.</summary>
    public static RequestFormCard New() => new(Guid.NewGuid().ToString(), new RequestFormValues());

    /// <summary>
    /// The form to edit and resubmit request <paramref name="reference"/>, filled with what was sent, with the message
    /// Comms wrote and who wrote it (both raw: they are escaped here).
    /// </summary>
    public static RequestFormCard Resubmission(string reference, RequestFormValues values, string? changesMessage, string? changesRequestedBy) =>
        new(Guid.NewGuid().ToString(), values)
        {
            Reference = reference,
            ChangesMessage = changesMessage is null ? null : Markdown.Escape(changesMessage),
            ChangesRequestedBy = changesRequestedBy is null ? null : Markdown.Escape(changesRequestedBy),
        };
}
