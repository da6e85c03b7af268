using Microsoft.Extensions.Options;
using TeamsPolicyBot.Configuration;
using TeamsPolicyBot.People;

namespace TeamsPolicyBot.Workspace;

internal sealed record LocalPerson(string Id, string Name, IReadOnlyList<string> Roles);

internal sealed record LocalSignInRequest(string? Id);

/// <summary>
/// "Sign in as": the people the settings name (on the local run, the Playground's users), by the names the bot knows
/// them by. Not found (404) wherever local sign-in is not available, so a deployment has nothing to try.
/// </summary>
internal sealed class LocalSignInPeople(
    LocalSignIn local,
    WorkspaceViewers viewers,
    IPersonNames names,
    IOptions<CommsOptions> comms,
    IOptions<SupportOptions> support,
    IOptions<EscalationOptions> escalation)
{
    private static readonly TimeSpan NameLookup = TimeSpan.FromSeconds(2);

    private bool IsAvailable => local.IsAvailable;

    private string TokenFor(string id, string name) => local.TokenFor(id, name);

    public static async Task<IResult> ListAsync(LocalSignInPeople people, CancellationToken cancellationToken) =>
        people.IsAvailable ? Results.Json(await people.PeopleAsync(cancellationToken)) : Results.NotFound();

    public static async Task<IResult> SignInAsync(LocalSignInPeople people, LocalSignInRequest request, CancellationToken cancellationToken)
    {
        if (!people.IsAvailable)
        {
            return Results.NotFound();
        }

        var person = (await people.PeopleAsync(cancellationToken)).FirstOrDefault(p => string.Equals(p.Id, request?.Id, StringComparison.OrdinalIgnoreCase));
        return person is null
            ? Results.BadRequest(new { message = "id must be the Entra object id of one of the people offered by GET /workspace/api/local-sign-in." })
            : Results.Json(new { token = people.TokenFor(person.Id, person.Name) });
    }

    private async Task<IReadOnlyList<LocalPerson>> PeopleAsync(CancellationToken cancellationToken)
    {
        var ids = comms.Value.ApproverIds.Concat(support.Value.CaseHandlerIds).Concat(escalation.Value.ContactIds).Distinct(StringComparer.OrdinalIgnoreCase);
        var people = new List<LocalPerson>();
        foreach (var id in ids)
        {
            var roles = viewers.Of(new(new System.Security.Claims.ClaimsIdentity([new(WorkspaceClaims.ObjectId, id)]))).Roles;
            people.Add(new LocalPerson(id, await NameAsync(id, roles, cancellationToken), roles));
        }

        return people;
    }

    private async Task<string> NameAsync(string id, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(NameLookup);
        try
        {
            if ((await names.FindNameAsync(id, timeout.Token))?.DisplayName is { Length: > 0 } name)
            {
                return name;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The roster did not answer in time: the role stands in for the name.
        }

        return $"{roles[0]} ({id[..8]})";
    }
}
