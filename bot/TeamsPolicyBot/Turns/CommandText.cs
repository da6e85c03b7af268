using System.Text;

namespace TeamsPolicyBot.Turns;

/// <summary>Typed commands are matched loosely: case, punctuation and extra spaces do not matter.</summary>
public static class CommandText
{
    public static string Normalize(string? text)
    {
        var normalized = new StringBuilder();
        foreach (var c in (text ?? string.Empty).Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                normalized.Append(c);
            }
            else if ((char.IsWhiteSpace(c) || c is '-' or '_') && normalized.Length > 0 && normalized[^1] != ' ')
            {
                normalized.Append(' ');
            }
        }

        return normalized.ToString().TrimEnd();
    }
}
