using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RedisEnterprise.Modules.Tests.Infrastructure;

/// <summary>Keeps every log line at every level, rendered with its state and exception, for assertions.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    internal ConcurrentQueue<(string Category, LogLevel Level, string Text)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    internal IEnumerable<string> Texts(string? category = null, LogLevel? level = null) =>
        Lines.Where(l => (category is null || l.Category == category) && (level is null || l.Level == level)).Select(l => l.Text);

    internal static ILoggerFactory Factory(out CapturingLoggerProvider provider)
    {
        var capture = new CapturingLoggerProvider();
        provider = capture;
        return LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(capture));
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            string structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            owner.Lines.Enqueue((category, logLevel, $"{formatter(state, exception)} | {structured} | {exception}"));
        }
    }
}
