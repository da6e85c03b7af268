using TeamsPolicyBot.Protocol.Hosting;

namespace TeamsPolicyBot.People;

/// <summary>
/// Names someone chosen in a people picker, which sends only their Entra object id. Teams resolves members of the
/// conversation the click came from, and a colleague picked in a personal chat is not one of them: the Comms team's
/// roster (<see cref="IPersonNames"/>) names them then. Null when neither knows them (only the id stands).
/// </summary>
internal sealed class PickedPeople(IPersonNames names)
{
    public async Task<PersonName?> NameAsync(ITurnContext turn, string objectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var member = (await turn.GetMemberAsync(objectId, cancellationToken)).Value;
        if (member?.Name is { Length: > 0 } name)
        {
            return new PersonName(name, member.Email);
        }

        var known = await names.FindNameAsync(objectId, cancellationToken);
        return known is null && member?.Email is null ? null : new PersonName(known?.DisplayName, member?.Email ?? known?.Email);
    }
}
