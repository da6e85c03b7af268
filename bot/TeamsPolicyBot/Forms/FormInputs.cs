using System.Globalization;
using System.Text.Json;

namespace TeamsPolicyBot.Forms;

/// <summary>Reading what an Adaptive Card form posted, and the line that sums up its problems.</summary>
internal static class FormInputs
{
    /// <summary>
    /// An input as text. Teams posts most inputs as strings, but a toggle may arrive as a boolean and a number as
    /// a number; null when the input is absent, of another kind, or <paramref name="form"/> is not an object.
    /// </summary>
    public static string? Text(JsonElement form, string name) =>
        form.ValueKind == JsonValueKind.Object && form.TryGetProperty(name, out var property)
            ? property.ValueKind switch
            {
                JsonValueKind.String => property.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => property.GetRawText(),
                _ => null,
            }
            : null;

    /// <summary>"Please fix 2 things below" (or another <paramref name="verb"/>), shown above a form with problems; "" with none.</summary>
    public static string ProblemsSummary(int count, string verb = "fix") => count switch
    {
        0 => "",
        1 => $"Please {verb} 1 thing below",
        _ => string.Create(CultureInfo.InvariantCulture, $"Please {verb} {count} things below"),
    };
}
