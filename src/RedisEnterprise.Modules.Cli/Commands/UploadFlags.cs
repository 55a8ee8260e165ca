using System.CommandLine;
using RedisEnterprise.Modules.Cli.Output;

namespace RedisEnterprise.Modules.Cli.Commands;

/// <summary>The flags <c>install</c> and <c>ensure</c> share, read into <see cref="UploadModuleOptions"/>.</summary>
internal sealed class UploadFlags
{
    public Option<bool> EnableUploads { get; } = new("--enable-uploads")
    {
        Description = "Redis Software 8.2+: switch allow_modules_upload on for the install and off again afterwards.",
    };

    public Option<bool> NoValidate { get; } = new("--no-validate")
    {
        Description = "Send the package without the SDK's checks of its zip and module.json.",
    };

    public Option<bool> NoCheck { get; } = new("--no-check")
    {
        Description = "Send the package without checking it against the cluster first (the compatibility check, exit code 3 on a problem).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(NoCheck);
        command.Options.Add(EnableUploads);
        command.Options.Add(NoValidate);
    }

    public UploadModuleOptions Read(Commands.CommandContext context, ProgressSinks sinks) => new()
    {
        EnableModuleUploads = context.Value(EnableUploads),
        Validate = context.Value(NoValidate) ? false : null,
        CheckCompatibility = context.Value(NoCheck) ? false : null,
        UploadProgress = sinks.Upload,
        ActionProgress = sinks.Action,
    };
}
