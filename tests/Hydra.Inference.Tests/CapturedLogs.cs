using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Hydra.Inference.Tests;

/// <summary>
/// The in-process replica's warnings and errors, kept for the test's failure message: `dotnet test`
/// drops the console, so without this a 500 in CI says nothing about the exception behind it.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private const int Kept = 200;
    private readonly ConcurrentQueue<string> _lines = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>The last entries (at most 200), oldest first, each with its exception.</summary>
    public override string ToString() => _lines.IsEmpty ? "(the replica logged no warning or error)" : string.Join('\n', _lines);

    public void Dispose() { }

    private void Add(string line)
    {
        _lines.Enqueue(line);
        while (_lines.Count > Kept) _lines.TryDequeue(out _);
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        // The host's filters (Logging:LogLevel) decide what reaches here; the floor keeps Debug noise out of messages.
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            logs.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : "\n" + exception)}");
        }
    }
}
