using System.ComponentModel.DataAnnotations;

namespace TeamsPolicyBot.Configuration;

/// <summary>
/// Every entry is an Entra (Azure AD) object id, a GUID. Catches the common mix-up of pasting a
/// Teams user id ("29:...") or an email address where the object id belongs.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EntraObjectIdsAttribute : ValidationAttribute
{
    public bool Required { get; init; }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var key = SettingName(validationContext);
        var ids = value as IEnumerable<string> ?? [];
        var problems = new List<string>();
        var index = 0;
        foreach (var id in ids)
        {
            if (!Guid.TryParse(id, out _))
            {
                problems.Add($"{key}:{index} '{id}' is not an Entra object id (a GUID such as 00000000-0000-0000-0000-000000000000).");
            }

            index++;
        }

        if (Required && index == 0)
        {
            problems.Add($"{key} needs at least one Entra object id.");
        }

        return problems.Count == 0 ? ValidationResult.Success : new ValidationResult(string.Join(" ", problems), [validationContext.MemberName!]);
    }

    internal static string SettingName(ValidationContext context)
    {
        var section = context.ObjectType.GetField("Section")?.GetValue(null) as string;
        return section is null ? context.MemberName! : $"{section}:{context.MemberName}";
    }
}

/// <summary>Both sides of every pair are Entra object ids.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EntraObjectIdMapAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var key = EntraObjectIdsAttribute.SettingName(validationContext);
        var problems = (value as IDictionary<string, string> ?? new Dictionary<string, string>())
            .Where(pair => !Guid.TryParse(pair.Key, out _) || !Guid.TryParse(pair.Value, out _))
            .Select(pair => $"{key}:{pair.Key} = '{pair.Value}': both the user and the manager must be Entra object ids (GUIDs).")
            .ToList();
        return problems.Count == 0 ? ValidationResult.Success : new ValidationResult(string.Join(" ", problems), [validationContext.MemberName!]);
    }
}
