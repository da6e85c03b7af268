namespace TeamsPolicyBot.Forms;

/// <summary>Entra object ids arrive in either case (Teams, Graph, configuration); compare them as GUIDs.</summary>
internal static class ObjectIds
{
    public static bool Same(string? a, string? b) =>
        Guid.TryParse(a, out var x) && Guid.TryParse(b, out var y)
            ? x == y
            : a is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="id"/> is on a configured list of people (approvers, case handlers, contacts); never an empty id.</summary>
    public static bool Includes(IEnumerable<string> ids, string? id) =>
        !string.IsNullOrWhiteSpace(id) && ids.Any(listed => Same(listed, id));
}
