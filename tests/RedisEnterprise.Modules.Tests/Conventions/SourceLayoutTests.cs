using System.Text.RegularExpressions;

namespace RedisEnterprise.Modules.Tests.Conventions;

/// <summary>
/// The layout rules of docs/architecture.md, over every source file of the packages (the SDK, Testing, the tool): one top-level type per file, named
/// for it (a partial type's parts as Type.Part.cs); a public type in the package's root namespace whatever its folder; an internal type in its folder's namespace.
/// </summary>
public partial class SourceLayoutTests
{
    public static TheoryData<string> Packages => new() { "RedisEnterprise.Modules", "RedisEnterprise.Modules.Testing", "RedisEnterprise.Modules.Cli" };

    [Theory]
    [MemberData(nameof(Packages))]
    public void Every_source_file_holds_one_type_named_for_it_in_the_namespace_of_the_rule(string package)
    {
        string projectFolder = Path.Combine(RepositoryRoot.Path, "src", package);
        var problems = new List<string>();
        int files = 0;
        foreach (string file in Directory.EnumerateFiles(projectFolder, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(projectFolder, file);
            if (relative.StartsWith("obj", StringComparison.Ordinal) || relative.StartsWith("bin", StringComparison.Ordinal)) continue;
            files++;
            string text = File.ReadAllText(file);
            List<Match> types = TopLevelType().Matches(text).ToList();
            string folder = Path.GetDirectoryName(relative) ?? string.Empty;
            string expectedFileName = Path.GetFileNameWithoutExtension(file);
            if (types.Count != 1)
            {
                problems.Add($"{relative}: {types.Count} top-level types ({string.Join(", ", types.Select(t => t.Groups["name"].Value))}); one per file");
                continue;
            }

            string name = types[0].Groups["name"].Value;
            bool isPublic = types[0].Groups["access"].Value.StartsWith("public", StringComparison.Ordinal);
            // A partial type may spread over Type.cs and Type.Part.cs.
            bool partialPart = types[0].Value.Contains("partial ", StringComparison.Ordinal) && expectedFileName.StartsWith(name + ".", StringComparison.Ordinal);
            if (name != expectedFileName && !partialPart) problems.Add($"{relative}: holds {name}; the file is named for its type");

            string? declared = FileScopedNamespace().Match(text) is { Success: true } ns ? ns.Groups["ns"].Value : null;
            string expected = isPublic || folder.Length == 0 ? package : package + "." + folder.Replace(Path.DirectorySeparatorChar, '.');
            if (declared != expected) problems.Add($"{relative}: {(isPublic ? "public" : "internal")} {name} is in namespace {declared}; the rule puts it in {expected}");
        }

        Assert.True(files > 10, $"only {files} source files found under {projectFolder}");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    // A top-level declaration starts at the first column (namespaces are file-scoped); nested types are indented.
    [GeneratedRegex(@"^(?<access>public |internal |file )?(?:(?:static|sealed|abstract|partial|readonly|ref|unsafe) )*(?:class|record struct|record class|record|struct|interface|enum) (?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();

    [GeneratedRegex(@"^namespace (?<ns>[\w.]+);", RegexOptions.Multiline)]
    private static partial Regex FileScopedNamespace();
}
