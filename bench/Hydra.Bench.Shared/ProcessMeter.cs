namespace Hydra.Bench;

/// <summary>
/// CPU time and memory of each service, read from /proc once a second. A service is a process tree
/// (PostgreSQL is a postmaster with a backend per connection): its CPU is the sum over the live tree
/// of user + system time, plus the children's time that each live process has already reaped (so
/// backends that came and went still count); its RSS is the sum of the tree's resident sets and its
/// PSS the proportional share (shared buffers counted once, not once per backend).
/// </summary>
public sealed class ProcessMeter : IAsyncDisposable
{
    /// <summary>USER_HZ: 100 on every Linux this runs on (x86-64 and arm64 kernels fix it).</summary>
    private const double TicksPerSecond = 100;

    private readonly Dictionary<string, (Func<IReadOnlyCollection<int>> Roots, bool WithChildren)> _services = [];
    private readonly Dictionary<string, Peak> _peaks = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _sampling;

    public sealed record Usage(double CpuSeconds, long RssBytes, long PssBytes, int Processes);

    private sealed class Peak
    {
        public long RssBytes;
        public long PssBytes;
    }

    /// <summary>
    /// A service whose tree roots are <paramref name="roots"/>, asked again at every sample (a browser
    /// starts renderers as pages open); <paramref name="withChildren"/> false counts the roots alone
    /// (this benchmark's own process, whose children are the services).
    /// </summary>
    public void Add(string name, Func<IReadOnlyCollection<int>> roots, bool withChildren = true)
    {
        lock (_peaks)
        {
            _services[name] = (roots, withChildren);
            _peaks[name] = new Peak();
        }
    }

    public IReadOnlyList<string> Names
    {
        get { lock (_peaks) return [.. _services.Keys]; }
    }

    public void Start() => _sampling = SampleAsync(_stop.Token);

    private async Task SampleAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop)) Read();
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Now, for every service; updates the peaks.</summary>
    public Dictionary<string, Usage> Read()
    {
        var table = ProcessTable.Read();
        var usages = new Dictionary<string, Usage>();
        lock (_peaks)
        {
            foreach (var (name, (roots, withChildren)) in _services)
            {
                var tree = withChildren ? table.Tree(roots()) : [.. roots()];
                var usage = new Usage(tree.Sum(table.CpuTicks) / TicksPerSecond, tree.Sum(ProcessTable.RssBytes), tree.Sum(ProcessTable.PssBytes), tree.Count);
                usages[name] = usage;
                var peak = _peaks[name];
                peak.RssBytes = Math.Max(peak.RssBytes, usage.RssBytes);
                peak.PssBytes = Math.Max(peak.PssBytes, usage.PssBytes);
            }
        }
        return usages;
    }

    /// <summary>Starts a new window for the peaks (a phase), returning the usage at its start.</summary>
    public Dictionary<string, Usage> ResetPeaks()
    {
        lock (_peaks)
        {
            foreach (var peak in _peaks.Values) (peak.RssBytes, peak.PssBytes) = (0, 0);
        }
        return Read();
    }

    public (long RssBytes, long PssBytes) PeakOf(string name)
    {
        lock (_peaks) return (_peaks[name].RssBytes, _peaks[name].PssBytes);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_sampling is not null) await _sampling;
        _stop.Dispose();
    }

    /// <summary>One pass over /proc: each process's parent and CPU ticks.</summary>
    private sealed class ProcessTable
    {
        private readonly Dictionary<int, (int Parent, long Ticks)> _processes = [];

        public static ProcessTable Read()
        {
            var table = new ProcessTable();
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
                try
                {
                    // pid (comm) state ppid ... utime(14) stime(15) cutime(16) cstime(17): comm may hold spaces and parentheses.
                    var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    var ticks = long.Parse(fields[11]) + long.Parse(fields[12]) + long.Parse(fields[13]) + long.Parse(fields[14]);
                    table._processes[pid] = (int.Parse(fields[1]), ticks);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
                {
                    // Gone between the listing and the read.
                }
            }
            return table;
        }

        public List<int> Tree(IReadOnlyCollection<int> roots)
        {
            var children = _processes.GroupBy(p => p.Value.Parent).ToDictionary(g => g.Key, g => g.Select(p => p.Key).ToList());
            var tree = new List<int>();
            var pending = new Stack<int>(roots.Where(_processes.ContainsKey));
            while (pending.TryPop(out var pid))
            {
                tree.Add(pid);
                foreach (var child in children.GetValueOrDefault(pid) ?? []) pending.Push(child);
            }
            return tree;
        }

        public long CpuTicks(int pid) => _processes.TryGetValue(pid, out var process) ? process.Ticks : 0;

        public static long RssBytes(int pid) => StatusKilobytes($"/proc/{pid}/status", "VmRSS:") * 1024;

        public static long PssBytes(int pid) => StatusKilobytes($"/proc/{pid}/smaps_rollup", "Pss:") * 1024;

        private static long StatusKilobytes(string path, string field)
        {
            try
            {
                foreach (var line in File.ReadLines(path))
                {
                    if (line.StartsWith(field, StringComparison.Ordinal)) return long.Parse(line[field.Length..].Trim().Split(' ')[0]);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException) { }
            return 0;
        }
    }
}
