using System.ComponentModel.DataAnnotations;

namespace RedisEnterprise.Modules.DependencyInjection;

/// <summary>
/// A whole number (<see cref="int"/> or <see cref="long"/>) from the minimum to the maximum, both included. Not
/// <see cref="RangeAttribute"/>: the options validator generator's copy of it drops <see cref="ValidationAttribute.ErrorMessage"/>
/// (dotnet/runtime#123137), and our messages name the setting.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class IntegerRangeAttribute(long minimum, long maximum) : ValidationAttribute
{
    public long Minimum { get; } = minimum;

    public long Maximum { get; } = maximum;

    public override bool IsValid(object? value) => value switch
    {
        int number => number >= Minimum && number <= Maximum,
        long number => number >= Minimum && number <= Maximum,
        _ => value is null,
    };
}
