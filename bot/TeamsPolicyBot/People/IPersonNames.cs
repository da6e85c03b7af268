namespace TeamsPolicyBot.People;

/// <summary>A person's name and email as the bot can learn them, for showing who will be told.</summary>
internal interface IPersonNames
{
    /// <summary>
    /// The name and email of the person with this Entra object id, or null when nobody the bot can ask
    /// knows them. Best effort: a roster that cannot be read answers null rather than failing.
    /// </summary>
    Task<PersonName?> FindNameAsync(string aadObjectId, CancellationToken cancellationToken);
}

/// <summary>What is known of a person's name; either part may be missing, never both.</summary>
internal sealed record PersonName(string? DisplayName, string? Email);
