using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RedisEnterprise.Modules.Testing.Tests;

/// <summary>A logger provider that keeps every line the SDK logs, with its level (an exception's text follows the message).</summary>
internal sealed class LogLines : ILoggerProvider
{
    internal ConcurrentQueue<(LogLevel Level, string Text)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Collector(Lines);

    public void Dispose() { }

    private sealed class Collector(ConcurrentQueue<(LogLevel Level, string Text)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue((logLevel, formatter(state, exception) + (exception is null ? string.Empty : " " + exception)));
    }
}
