using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace RedisEnterprise.Modules.Cli.Output;

/// <summary>
/// Where a command prints: its result on stdout (a table, or one JSON document), everything else on stderr. Text from the
/// cluster or a file is written as text, never read as Spectre markup.
/// </summary>
internal sealed class CommandOutput
{
    private readonly CliEnvironment _environment;

    public CommandOutput(CliEnvironment environment, OutputFormat format, bool quiet)
    {
        _environment = environment;
        Format = format;
        Quiet = quiet;
        Results = CreateConsole(environment.Out, environment.IsTerminal);
        Diagnostics = CreateConsole(environment.Error, environment.IsTerminal);
    }

    public OutputFormat Format { get; }

    public bool Quiet { get; }

    public bool IsJson => Format == OutputFormat.Json;

    /// <summary>Live progress is drawn only on a terminal, and not with <c>--quiet</c>.</summary>
    public bool ShowsProgress => _environment.IsTerminal && !Quiet;

    /// <summary>stdout, for tables.</summary>
    public IAnsiConsole Results { get; }

    /// <summary>stderr, for progress and messages.</summary>
    public IAnsiConsole Diagnostics { get; }

    /// <summary>Prints the result: the JSON document, or (unless quiet) what <paramref name="renderTable"/> draws.</summary>
    public void Result<T>(T document, JsonTypeInfo<T> type, Func<T, IRenderable> renderTable)
    {
        if (IsJson)
        {
            _environment.Out.WriteLine(JsonSerializer.Serialize(document, type));
            _environment.Out.Flush();
        }
        else if (!Quiet)
        {
            Results.Write(renderTable(document));
        }
    }

    // Messages are whole lines, never wrapped to a width: a log or a grep reads them as they are.
    public void Info(string text)
    {
        if (!Quiet) Line(text);
    }

    public void Warning(string text)
    {
        if (!Quiet) Line("warning: " + text);
    }

    public void Error(string text) => Line("error: " + text);

    private void Line(string text)
    {
        _environment.Error.WriteLine(text);
        _environment.Error.Flush();
    }

    private static IAnsiConsole CreateConsole(TextWriter writer, bool isTerminal)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!isTerminal) console.Profile.Width = 200; // a pipe or a file has no width; keep uids on one line
        return console;
    }
}
