using System.Text.RegularExpressions;

namespace RedisEnterprise.Modules.Tests.Docs;

/// <summary>
/// Every C# block of the docs (README.md, CONTRIBUTING.md, docs/*.md, src/*/README.md) is marked
/// <c>&lt;!-- snippet: name --&gt;</c> and equals the <c>#region name</c> of the same name in
/// samples/RedisEnterprise.Modules.Snippets, which the solution build compiles: a block cannot show code that does not
/// compile, nor drift from it. Blocks in other languages (bash, json, xml) are not checked. After changing a region, run
/// this class with <c>UPDATE_DOC_SNIPPETS=1</c> to copy the regions into the marked blocks.
/// </summary>
public sealed partial class DocSnippetTests
{
    private const string SnippetsProject = "samples/RedisEnterprise.Modules.Snippets";

    private static readonly Lazy<SnippetRegions> Regions = new(() => SnippetRegions.Read(Path.Combine(RepositoryRoot.Path, SnippetsProject)));

    public static TheoryData<string> MarkdownFiles()
    {
        string root = RepositoryRoot.Path;
        IEnumerable<string> candidates =
        [
            Path.Combine(root, "README.md"),
            Path.Combine(root, "CONTRIBUTING.md"),
            .. Directory.Exists(Path.Combine(root, "docs")) ? Directory.GetFiles(Path.Combine(root, "docs"), "*.md") : [],
            .. Directory.GetDirectories(Path.Combine(root, "src")).Select(project => Path.Combine(project, "README.md")),
        ];
        return new TheoryData<string>(candidates.Where(File.Exists).Select(path => Path.GetRelativePath(root, path).Replace('\\', '/')).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(MarkdownFiles))]
    public void Every_csharp_block_is_marked_and_equals_its_snippet_region(string file)
    {
        string path = Path.Combine(RepositoryRoot.Path, file);
        if (Environment.GetEnvironmentVariable("UPDATE_DOC_SNIPPETS") is "1" or "true")
        {
            File.WriteAllText(path, Fill(File.ReadAllText(path), Regions.Value.ByName));
        }

        IReadOnlyList<string> problems = Check(file, File.ReadAllText(path), Regions.Value.ByName);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_files_checked_include_the_readme_and_its_csharp_blocks()
    {
        Assert.Contains("README.md", MarkdownFiles().Select(row => row.Data));
        Assert.Contains(CodeBlocks(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"))), block => block.IsCSharp);
    }

    [Fact]
    public void Snippet_regions_are_closed_and_uniquely_named()
    {
        Assert.NotEmpty(Regions.Value.ByName);
        Assert.True(Regions.Value.Problems.Count == 0, string.Join(Environment.NewLine, Regions.Value.Problems));
    }

    [Fact]
    public void Every_snippet_region_is_shown_by_some_doc()
    {
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (string file in MarkdownFiles().Select(row => row.Data))
        {
            string markdown = File.ReadAllText(Path.Combine(RepositoryRoot.Path, file));
            string[] lines = SplitLines(markdown);
            foreach (CodeBlock block in CodeBlocks(markdown))
            {
                if (block.IsCSharp && MarkerBefore(lines, block, out _) is { } name) shown.Add(name);
            }
        }

        Assert.Empty(Regions.Value.ByName.Keys.Where(name => !shown.Contains(name)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_csharp_block_without_a_marker_fails_naming_the_file_and_line() => AssertOneProblem(
        "docs/example.md", "# Title\n\n```csharp\nvar x = 1;\n```\n", Region("x", "var x = 1;"),
        "docs/example.md:3", "<!-- snippet: name -->");

    [Fact]
    public void A_marker_without_a_region_fails_naming_the_file_and_snippet() => AssertOneProblem(
        "README.md", "<!-- snippet: missing-one -->\n```csharp\nvar x = 1;\n```\n", Region("x", "var x = 1;"),
        "README.md:1", "'missing-one'", "#region missing-one");

    [Fact]
    public void A_block_that_differs_from_its_region_fails_naming_the_file_snippet_and_first_differing_line() => AssertOneProblem(
        "README.md", "<!-- snippet: upload -->\n```csharp\nvar client = Create();\nawait client.UploadAsync(path);\n```\n",
        Region("upload", "var client = Create();\nawait client.UploadModuleAsync(path);"),
        "README.md:1", "'upload'", "line 2", "await client.UploadAsync(path);", "await client.UploadModuleAsync(path);");

    [Fact]
    public void A_block_with_a_line_more_or_less_than_its_region_fails() => AssertOneProblem(
        "README.md", "<!-- snippet: short -->\n```csharp\nvar x = 1;\n```\n", Region("short", "var x = 1;\nvar y = 2;"),
        "'short'", "var y = 2;");

    /// <summary>Asserts that checking <paramref name="doc"/> finds exactly one problem, and that it names each of <paramref name="named"/>.</summary>
    private static void AssertOneProblem(string file, string doc, IReadOnlyDictionary<string, SnippetRegion> regions, params string[] named)
    {
        string problem = Assert.Single(Check(file, doc, regions));
        foreach (string part in named) Assert.Contains(part, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_marker_not_followed_by_a_csharp_block_fails()
    {
        string doc = "<!-- snippet: x -->\nSome text.\n\n<!-- snippet: y -->\n```bash\nls\n```\n";

        IReadOnlyList<string> problems = Check("README.md", doc, Region("x", "var x = 1;"));

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("README.md:1:", StringComparison.Ordinal) && p.Contains("'x'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("README.md:4:", StringComparison.Ordinal) && p.Contains("'y'", StringComparison.Ordinal) && p.Contains("'bash'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_marker_shown_inside_a_code_block_is_an_example_not_a_marker()
    {
        string doc = "Mark a block like this:\n\n```markdown\n<!-- snippet: name -->\n```\n";

        Assert.Empty(Check("CONTRIBUTING.md", doc, Region("x", "var x = 1;")));
    }

    [Fact]
    public void A_marked_block_equal_to_its_dedented_region_passes_and_other_languages_are_exempt()
    {
        string doc = "Intro.\n\n<!-- snippet: x -->\n\n```csharp\nif (ok)\n{\n    Run();\n}\n```\n\n```bash\ndotnet test\n```\n\n```json\n{ \"a\": 1 }\n```\n";
        string source = "class C\n{\n    void M()\n    {\n        #region x\n        if (ok)\n        {\n            Run();\n        }\n        #endregion\n    }\n}\n";

        SnippetRegions regions = SnippetRegions.Parse([("C.cs", source)]);

        Assert.Empty(regions.Problems);
        Assert.Empty(Check("README.md", doc, regions.ByName));
    }

    [Fact]
    public void Fill_copies_each_region_into_its_marked_block_and_leaves_the_rest()
    {
        string doc = "Intro.\n\n<!-- snippet: x -->\n```csharp\nold();\n```\n\n```csharp\nunmarked();\n```\n\n```bash\nls\n```\n";

        string filled = Fill(doc, Region("x", "if (ok)\n{\n    Run();\n}"));

        Assert.Equal("Intro.\n\n<!-- snippet: x -->\n```csharp\nif (ok)\n{\n    Run();\n}\n```\n\n```csharp\nunmarked();\n```\n\n```bash\nls\n```\n", filled);
    }

    [Fact]
    public void Nested_region_directives_are_left_out_of_the_outer_region()
    {
        string source = "#region outer\nclass C\n{\n    #region inner\n    int x;\n    #endregion\n}\n#endregion\n";

        SnippetRegions regions = SnippetRegions.Parse([("C.cs", source)]);

        Assert.Equal(["class C", "{", "    int x;", "}"], regions.ByName["outer"].Lines);
        Assert.Equal(["int x;"], regions.ByName["inner"].Lines);
    }

    [Fact]
    public void A_duplicate_or_unclosed_region_is_a_problem_naming_its_file()
    {
        SnippetRegions regions = SnippetRegions.Parse([("A.cs", "#region same\nint a;\n#endregion\n"), ("B.cs", "#region same\nint b;\n#endregion\n#region open\nint c;\n")]);

        Assert.Equal(2, regions.Problems.Count);
        Assert.Contains(regions.Problems, p => p.Contains("B.cs", StringComparison.Ordinal) && p.Contains("'same'", StringComparison.Ordinal));
        Assert.Contains(regions.Problems, p => p.Contains("B.cs", StringComparison.Ordinal) && p.Contains("'open'", StringComparison.Ordinal));
    }

    /// <summary>Every problem of one markdown file: unmarked C# blocks, markers without a region or a C# block, and blocks that differ from their region.</summary>
    internal static IReadOnlyList<string> Check(string file, string markdown, IReadOnlyDictionary<string, SnippetRegion> regions)
    {
        var problems = new List<string>();
        string[] lines = SplitLines(markdown);
        List<CodeBlock> blocks = CodeBlocks(markdown);
        var markersUsed = new HashSet<int>();

        foreach (CodeBlock block in blocks)
        {
            string? name = MarkerBefore(lines, block, out int markerLine);
            if (name is not null) markersUsed.Add(markerLine);

            if (!block.IsCSharp)
            {
                if (name is not null) problems.Add($"{file}:{markerLine + 1}: snippet '{name}' marks a '{block.Language}' block; only csharp blocks are snippets.");
                continue;
            }

            if (name is null)
            {
                problems.Add($"{file}:{block.FenceLine + 1}: this csharp block has no <!-- snippet: name --> marker on the line before it; put its code in a #region name of {SnippetsProject} and mark the block.");
                continue;
            }

            if (!regions.TryGetValue(name, out SnippetRegion? region))
            {
                problems.Add($"{file}:{markerLine + 1}: snippet '{name}' has no #region {name} in {SnippetsProject}.");
                continue;
            }

            List<string> code = Dedent(block.Lines);
            if (FirstDifference(code, region.Lines) is { } line)
            {
                string inDoc = line < code.Count ? code[line] : "(nothing: the block ends)";
                string inRegion = line < region.Lines.Count ? region.Lines[line] : "(nothing: the region ends)";
                problems.Add($"{file}:{markerLine + 1}: snippet '{name}' differs from #region {name} in {region.File} at line {line + 1} of the block:{Environment.NewLine}  doc:    {inDoc}{Environment.NewLine}  region: {inRegion}");
            }
        }

        var insideBlocks = blocks.SelectMany(b => Enumerable.Range(b.FenceLine, b.Lines.Count + 2)).ToHashSet(); // a marker shown as an example
        for (int i = 0; i < lines.Length; i++)
        {
            if (!markersUsed.Contains(i) && !insideBlocks.Contains(i) && MarkerPattern().Match(lines[i]) is { Success: true } orphan)
            {
                problems.Add($"{file}:{i + 1}: snippet '{orphan.Groups["name"].Value}' is not followed by a csharp block.");
            }
        }

        return problems;
    }

    /// <summary>The markdown with each marked csharp block's code replaced by its region's, indented like the block's fence.</summary>
    internal static string Fill(string markdown, IReadOnlyDictionary<string, SnippetRegion> regions)
    {
        string[] lines = SplitLines(markdown);
        var filled = new List<string>();
        int next = 0;
        foreach (CodeBlock block in CodeBlocks(markdown))
        {
            if (!block.IsCSharp || MarkerBefore(lines, block, out _) is not { } name || !regions.TryGetValue(name, out SnippetRegion? region))
            {
                continue;
            }

            string indent = lines[block.FenceLine][..(lines[block.FenceLine].Length - lines[block.FenceLine].TrimStart().Length)];
            filled.AddRange(lines[next..(block.FenceLine + 1)]);
            filled.AddRange(region.Lines.Select(l => l.Length == 0 ? l : indent + l));
            next = block.FenceLine + 1 + block.Lines.Count;
        }

        filled.AddRange(lines[next..]);
        return string.Join("\n", filled);
    }

    internal static List<CodeBlock> CodeBlocks(string markdown)
    {
        string[] lines = SplitLines(markdown);
        var blocks = new List<CodeBlock>();
        for (int i = 0; i < lines.Length; i++)
        {
            Match open = FencePattern().Match(lines[i]);
            if (!open.Success) continue;

            string fence = open.Groups["fence"].Value;
            string language = open.Groups["info"].Value.Trim().Split(' ', 2)[0];
            var content = new List<string>();
            int j = i + 1;
            for (; j < lines.Length; j++)
            {
                Match close = FencePattern().Match(lines[j]);
                if (close.Success && close.Groups["info"].Value.Trim().Length == 0 && close.Groups["fence"].Value[0] == fence[0] && close.Groups["fence"].Length >= fence.Length) break;
                content.Add(lines[j]);
            }

            blocks.Add(new CodeBlock(i, language, content));
            i = j;
        }

        return blocks;
    }

    private static int? FirstDifference(IReadOnlyList<string> doc, IReadOnlyList<string> region)
    {
        for (int i = 0; i < Math.Max(doc.Count, region.Count); i++)
        {
            if (i >= doc.Count || i >= region.Count || doc[i] != region[i]) return i;
        }

        return null;
    }

    /// <summary>Trailing spaces and surrounding blank lines dropped, then the common indentation.</summary>
    internal static List<string> Dedent(IEnumerable<string> lines)
    {
        List<string> trimmed = lines.Select(l => l.TrimEnd()).SkipWhile(l => l.Length == 0).ToList();
        while (trimmed.Count > 0 && trimmed[^1].Length == 0) trimmed.RemoveAt(trimmed.Count - 1);
        int indent = trimmed.Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart(' ').Length).DefaultIfEmpty(0).Min();
        return trimmed.Select(l => l.Length == 0 ? l : l[indent..]).ToList();
    }

    /// <summary>The snippet name marked on the nearest non-blank line above the block's fence, if that line is a marker.</summary>
    private static string? MarkerBefore(string[] lines, CodeBlock block, out int markerLine)
    {
        markerLine = block.FenceLine - 1;
        while (markerLine >= 0 && lines[markerLine].Trim().Length == 0) markerLine--;
        return markerLine >= 0 && MarkerPattern().Match(lines[markerLine]) is { Success: true } marker ? marker.Groups["name"].Value : null;
    }

    private static string[] SplitLines(string text) => text.ReplaceLineEndings("\n").Split('\n');

    private static Dictionary<string, SnippetRegion> Region(string name, string code) =>
        new(StringComparer.Ordinal) { [name] = new SnippetRegion("Test.cs", Dedent(SplitLines(code))) };

    [GeneratedRegex(@"^\s*<!--\s*snippet:\s*(?<name>[A-Za-z0-9_.-]+)\s*-->\s*$")]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"^\s{0,3}(?<fence>`{3,}|~{3,})(?<info>[^`]*)$")]
    private static partial Regex FencePattern();

    internal sealed record CodeBlock(int FenceLine, string Language, IReadOnlyList<string> Lines)
    {
        public bool IsCSharp => Language.ToUpperInvariant() is "CSHARP" or "CS" or "C#";
    }

    internal sealed record SnippetRegion(string File, IReadOnlyList<string> Lines);

    /// <summary>The <c>#region name</c> … <c>#endregion</c> blocks of the snippet sources, dedented, with nested directives left out.</summary>
    internal sealed partial class SnippetRegions
    {
        private SnippetRegions(Dictionary<string, SnippetRegion> byName, List<string> problems)
        {
            ByName = byName;
            Problems = problems;
        }

        public IReadOnlyDictionary<string, SnippetRegion> ByName { get; }

        public IReadOnlyList<string> Problems { get; }

        public static SnippetRegions Read(string folder)
        {
            char separator = Path.DirectorySeparatorChar;
            IEnumerable<(string, string)> sources = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(path => !path.Contains($"{separator}bin{separator}", StringComparison.Ordinal) && !path.Contains($"{separator}obj{separator}", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(path => (Path.GetRelativePath(folder, path).Replace('\\', '/'), File.ReadAllText(path)));
            return Parse(sources);
        }

        public static SnippetRegions Parse(IEnumerable<(string File, string Text)> sources)
        {
            var byName = new Dictionary<string, SnippetRegion>(StringComparer.Ordinal);
            var problems = new List<string>();
            foreach ((string file, string text) in sources)
            {
                var open = new Stack<(string Name, List<string> Lines)>();
                foreach (string line in SplitLines(text))
                {
                    if (RegionPattern().Match(line) is { Success: true } start)
                    {
                        open.Push((start.Groups["name"].Value, []));
                    }
                    else if (EndRegionPattern().IsMatch(line) && open.Count > 0)
                    {
                        (string name, List<string> lines) = open.Pop();
                        if (!byName.TryAdd(name, new SnippetRegion(file, Dedent(lines))))
                        {
                            problems.Add($"{file}: region '{name}' is also in {byName[name].File}; a snippet name is used once.");
                        }
                    }
                    else
                    {
                        foreach ((_, List<string> lines) in open) lines.Add(line);
                    }
                }

                foreach ((string name, _) in open) problems.Add($"{file}: region '{name}' has no #endregion.");
            }

            return new SnippetRegions(byName, problems);
        }

        [GeneratedRegex(@"^\s*#region\s+(?<name>\S+)\s*$")]
        private static partial Regex RegionPattern();

        [GeneratedRegex(@"^\s*#endregion\b")]
        private static partial Regex EndRegionPattern();
    }
}
