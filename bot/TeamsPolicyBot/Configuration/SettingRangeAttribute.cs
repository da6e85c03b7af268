using System.ComponentModel.DataAnnotations;

namespace TeamsPolicyBot.Configuration;

/// <summary>
/// <see cref="RangeAttribute"/> for settings. The options source generator (<see cref="GeneratedOptionsValidation"/>)
/// swaps a plain <c>[Range]</c> for a copy of its own that drops <c>ErrorMessage</c>, so a bad value would be reported as
/// "The field … must be between …" instead of naming the setting; a subclass is used as written, message included.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class SettingRangeAttribute : RangeAttribute
{
    public SettingRangeAttribute(int minimum, int maximum)
        : base(minimum, maximum)
    {
    }

    public SettingRangeAttribute(double minimum, double maximum)
        : base(minimum, maximum)
    {
    }

    public SettingRangeAttribute(Type type, string minimum, string maximum)
        : base(type, minimum, maximum)
    {
    }
}
