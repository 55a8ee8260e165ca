using System.Text.Json.Nodes;

namespace RedisEnterprise.Modules.Testing.Tests;

public class UploadErrorTests : DefaultClusterTests
{
    [Fact]
    public async Task A_body_that_is_not_multipart_is_no_module()
    {
        using var content = new ByteArrayContent(new ModulePackageBuilder("rejson", "2.0.8").Build());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        using HttpResponseMessage response = await Admin.PostAsync("/v2/modules", content, Ct);
        await AssertErrorAsync(response, 400, "no_module");
    }

    [Theory]
    [InlineData("/v1/modules")]
    [InlineData("/v2/modules")]
    public async Task No_part_named_module_is_no_module(string route)
    {
        using MultipartFormDataContent form = ModuleForm(new ModulePackageBuilder("rejson", "2.0.8").Build(), "rejson.zip", partName: "file");
        using HttpResponseMessage response = await Admin.PostAsync(route, form, Ct);
        await AssertErrorAsync(response, 400, "no_module");
        Assert.Equal(4, Cluster.Modules.Count);
    }

    [Fact]
    public async Task An_empty_module_part_is_no_module()
    {
        using HttpResponseMessage response = await UploadAsync(Admin, "/v2/modules", []);
        await AssertErrorAsync(response, 400, "no_module");
    }

    /// <summary>Packages the cluster refuses as invalid_module, each with what its message must say.</summary>
    public static TheoryData<string, byte[], string> InvalidModules => new()
    {
        { "not a zip", Encoding.UTF8.GetBytes("this is not a zip file"), "zip" },
        { "a zip without module.json", Zip(("rejson.so", [1, 2, 3])), "module.json" },
        { "a module.json that is not JSON", Zip(("module.json", Encoding.UTF8.GetBytes("{ not json"))), "not valid JSON" },
        { "a module.json without module_name", new ModulePackageBuilder("rejson", "2.0.8").WithoutModuleJsonProperty("module_name").Build(), "module_name" },
        { "a module.json without semantic_version", new ModulePackageBuilder("rejson", "2.0.8").WithoutModuleJsonProperty("semantic_version").Build(), "semantic_version" },
        { "a payload whose SHA-256 differs from module.json", new ModulePackageBuilder("rejson", "2.0.8").WithModuleJsonProperty("sha256", new string('0', 64)).Build(), "SHA-256" },
        { "a module_file missing from the zip", new ModulePackageBuilder("rejson", "2.0.8").WithModuleJsonProperty("module_file", "other.so").Build(), "other.so" },
    };

    [Theory]
    [MemberData(nameof(InvalidModules))]
    public async Task A_bad_package_is_invalid_module_and_the_message_says_what_is_wrong(string package, byte[] zip, string said)
    {
        using HttpResponseMessage response = await UploadAsync(Admin, "/v2/modules", zip);
        string message = await AssertErrorAsync(response, 400, "invalid_module");
        Assert.True(message.Contains(said, StringComparison.Ordinal), $"the answer to {package} should say '{said}': {message}");
    }

    [Theory]
    [InlineData("/v1/modules")]
    [InlineData("/v2/modules")]
    public async Task The_same_name_and_version_twice_is_module_exists(string route)
    {
        await UploadModuleAsync(Admin, "/v1/modules", new ModulePackageBuilder("rejson", "2.0.8"));

        using (HttpResponseMessage second = await UploadAsync(Admin, route, new ModulePackageBuilder("rejson", "2.0.8").WithPayloadSize(10)))
        {
            await AssertErrorAsync(second, 400, "module_exists");
        }

        // Another version of the same module is fine.
        await UploadModuleAsync(Admin, route, new ModulePackageBuilder("rejson", "2.0.9"));
    }

    [Fact]
    public async Task A_bundled_module_version_already_present_is_module_exists()
    {
        ModuleInfo bundled = Cluster.Modules.Single(m => m.ModuleName == "ReJSON");
        using HttpResponseMessage response = await UploadAsync(Admin, "/v2/modules", new ModulePackageBuilder("ReJSON", bundled.SemanticVersion!));
        await AssertErrorAsync(response, 400, "module_exists");
    }

    [Fact]
    public async Task An_upload_still_in_progress_counts_as_existing()
    {
        await UploadModuleAsync(Admin, "/v2/modules", new ModulePackageBuilder("rejson", "2.0.8"));

        using HttpResponseMessage second = await UploadAsync(Admin, "/v2/modules", new ModulePackageBuilder("rejson", "2.0.8"));
        await AssertErrorAsync(second, 400, "module_exists");
    }

    [Fact]
    public async Task V1_upload_of_a_module_with_dependencies_is_dependencies_not_supported()
    {
        var package = new ModulePackageBuilder("rg", "1.2.1").WithDependency("gears_python", new Uri("https://example.com/p.tgz"), new string('a', 64));
        using (HttpResponseMessage v1 = await UploadAsync(Admin, "/v1/modules", package))
        {
            await AssertErrorAsync(v1, 400, "dependencies_not_supported");
        }

        await UploadModuleAsync(Admin, "/v2/modules", package);
    }

    [Theory]
    [InlineData("""{"gears_python": {"sha256": "abc"}}""")]
    [InlineData("""{"gears_python": {"url": "https://example.com/p.tgz"}}""")]
    [InlineData("""{"gears_python": {"url": "", "sha256": "abc"}}""")]
    [InlineData("""{"gears_python": "https://example.com/p.tgz"}""")]
    [InlineData("""["gears_python"]""")]
    public async Task Malformed_dependencies_are_invalid_dependency_data(string dependencies)
    {
        var package = new ModulePackageBuilder("rg", "1.2.1").WithModuleJsonProperty("dependencies", JsonNode.Parse(dependencies));
        using HttpResponseMessage response = await UploadAsync(Admin, "/v2/modules", package);
        await AssertErrorAsync(response, 400, "invalid_dependency_data");
        Assert.DoesNotContain(Cluster.Modules, m => m.ModuleName == "rg");
    }
}
