using TeamsPolicyBot.Forms;
using TeamsPolicyBot.People;
using TeamsPolicyBot.Records;

namespace TeamsPolicyBot.Workflows.HarassmentSupport;

/// <summary>Who a case may be handed over to, as the case card offers them: named, or a people picker when a name is unknown.</summary>
/// <param name="Named">The other case handlers by name, when Teams knows every one of them.</param>
/// <param name="ByPicker">Some name is unknown: the card offers the people picker instead (the choice is checked on the click).</param>
internal sealed record HandOverChoices(IReadOnlyList<ChoiceLine> Named, bool ByPicker)
{
    public static HandOverChoices None { get; } = new([], ByPicker: false);

    public bool Any => Named.Count > 0 || ByPicker;
}

/// <summary>The other <c>Support:CaseHandlerIds</c>, named through <see cref="IPersonNames"/>.</summary>
internal sealed class CaseHandlerChoices(ConfiguredPeople people, IPersonNames names)
{
    /// <summary>Everyone but <paramref name="ownerAadObjectId"/>; none when they are the only case handler.</summary>
    public async Task<HandOverChoices> OthersThanAsync(string ownerAadObjectId, CancellationToken cancellationToken)
    {
        var others = people.CaseHandlerIds.Where(id => !ObjectIds.Same(id, ownerAadObjectId)).ToList();
        if (others.Count == 0)
        {
            return HandOverChoices.None;
        }

        var named = new List<ChoiceLine>();
        foreach (var id in others)
        {
            if ((await names.FindNameAsync(id, cancellationToken))?.DisplayName is not { Length: > 0 } name)
            {
                return new HandOverChoices([], ByPicker: true);
            }

            named.Add(new ChoiceLine(name, id));
        }

        return new HandOverChoices(named, ByPicker: false);
    }

    /// <summary>The case handler chosen on the card, named, or null when the choice is not one of the case handlers.</summary>
    public async Task<Actor?> FindAsync(string? aadObjectId, CancellationToken cancellationToken)
    {
        if (!people.IsCaseHandler(aadObjectId))
        {
            return null;
        }

        var name = await names.FindNameAsync(aadObjectId!, cancellationToken);
        return new Actor(aadObjectId!, name?.DisplayName ?? name?.Email ?? "another case handler");
    }
}
