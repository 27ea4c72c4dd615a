using System.Globalization;
using System.Numerics;

namespace Hydra.Iolaus.Cli;

/// <summary>
/// <c>--name value</c> options and bare flags, read once; a missing or malformed value throws a
/// <see cref="UsageException"/> that the command line prints as a plain message.
/// </summary>
public sealed class Arguments
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);

    public Arguments(IEnumerable<string> args, IReadOnlySet<string> flags)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal)) throw new UsageException($"unexpected argument '{arg}'");
            var name = arg[2..];
            if (flags.Contains(name))
            {
                Add(name, "true");
                continue;
            }
            if (!e.MoveNext()) throw new UsageException($"--{name} needs a value");
            Add(name, e.Current);
        }
    }

    private void Add(string name, string value)
    {
        if (!_options.TryGetValue(name, out var values)) _options[name] = values = [];
        values.Add(value);
    }

    public string? String(string name)
    {
        _read.Add(name);
        return _options.TryGetValue(name, out var values) ? values[^1] : null;
    }

    public IReadOnlyList<string> All(string name)
    {
        _read.Add(name);
        return _options.TryGetValue(name, out var values) ? values : [];
    }

    public bool Flag(string name) => String(name) == "true";

    /// <summary>Takes an option out once a command has read a non-default form of it (e.g. <c>--run next</c>).</summary>
    public void Remove(string name)
    {
        _read.Add(name);
        _options.Remove(name);
    }

    public int Int(string name, int fallback, int min = int.MinValue, int max = int.MaxValue) =>
        Number(name, fallback, min, max, "a whole number");

    public double Double(string name, double fallback, double min = double.MinValue, double max = double.MaxValue) =>
        Number(name, fallback, min, max, "a number");

    private T Number<T>(string name, T fallback, T min, T max, string kind) where T : INumber<T>
    {
        var text = String(name);
        if (text is null) return fallback;
        return T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"--{name} must be {kind} from {min} to {max}, not '{text}'");
    }

    /// <summary>Refuses options nobody asked for: a typo must not silently do nothing.</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0) throw new UsageException($"unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}");
    }
}

/// <summary>A mistake in how the tool was called: printed as a message with the usage, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
