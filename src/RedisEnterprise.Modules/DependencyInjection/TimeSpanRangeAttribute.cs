using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace RedisEnterprise.Modules.DependencyInjection;

/// <summary>
/// A duration from the minimum to the maximum (both included), or <see cref="Timeout.InfiniteTimeSpan"/> when
/// <see cref="AllowInfinite"/>; an unset (<see langword="null"/>) one passes. Not <see cref="RangeAttribute"/>: it cannot
/// say "or Infinite" (-1 ms, below any positive minimum), its <see cref="Type"/> constructor is not trim-safe (IL2026),
/// and the options validator generator's copy of it drops <see cref="ValidationAttribute.ErrorMessage"/> (dotnet/runtime#123137).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class TimeSpanRangeAttribute(string minimum, string maximum) : ValidationAttribute
{
    public TimeSpan Minimum { get; } = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);

    public TimeSpan Maximum { get; } = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);

    /// <summary>Whether <see cref="Timeout.InfiniteTimeSpan"/> (no limit) is accepted too.</summary>
    public bool AllowInfinite { get; set; }

    public override bool IsValid(object? value) => value is not TimeSpan duration
        || (AllowInfinite && duration == Timeout.InfiniteTimeSpan)
        || (duration >= Minimum && duration <= Maximum);
}
