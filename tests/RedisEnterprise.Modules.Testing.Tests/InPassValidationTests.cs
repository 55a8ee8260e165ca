using System.Globalization;
using System.Text.Json.Nodes;

namespace RedisEnterprise.Modules.Testing.Tests;

/// <summary>
/// The package's data is checked from the bytes as they are sent: a <c>.so</c> that does not match its <c>sha256</c> is
/// refused mid-body, the cluster gets an incomplete body and installs nothing, on either line.
/// </summary>
public class InPassValidationTests
{
    private const string WrongSha256 = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>A package whose 1 MiB .so (random, so deflate leaves it about as large) does not hash to the sha256 its module.json states.</summary>
    private static string MismatchedPackage() => new ModulePackageBuilder("gears", "1.2.3")
        .WithPayload(RandomNumberGenerator.GetBytes(1024 * 1024))
        .WithModuleJsonProperty("sha256", JsonValue.Create(WrongSha256))
        .WriteToTempFile();

    [Fact]
    public async Task On_7_x_a_so_that_does_not_match_its_sha256_is_refused_and_never_reaches_the_cluster_whole()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(Legacy());
        using var client = cluster.CreateClient();
        string path = MismatchedPackage();

        var error = await Assert.ThrowsAsync<ModulePackageValidationException>(() => client.UploadModuleAsync(path, cancellationToken: Ct));

        Assert.Equal(ModulePackageProblemCodes.ModuleSha256Mismatch, Assert.Single(error.Validation.Problems).Code);
        Assert.DoesNotContain(cluster.Modules, m => m.ModuleName == "gears");
        await AssertNoUploadWasWholeAsync(cluster, "/v2/modules"); // mid-body refusal itself: Upload/InPassValidationTests against the sink
    }

    [Fact]
    public async Task On_8_x_a_so_that_does_not_match_its_sha256_reaches_no_node_whole_and_nothing_is_installed()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = true });
        using var client = cluster.CreateClient();
        string path = MismatchedPackage();

        var error = await Assert.ThrowsAsync<ModulePackageValidationException>(() => client.UploadModuleAsync(path, cancellationToken: Ct));

        Assert.Equal(ModulePackageProblemCodes.ModuleSha256Mismatch, Assert.Single(error.Validation.Problems).Code);
        foreach (int node in new[] { 1, 2, 3 })
        {
            Assert.Empty(cluster.NodeArtifacts(node));
        }

        Assert.DoesNotContain(cluster.Modules, m => m.ModuleName == "gears"); // the configuration made for the install is rolled back

        await AssertNoUploadWasWholeAsync(cluster, "/v2/local/modules/user-defined/artifacts");
    }

    [Fact]
    public async Task A_valid_package_is_installed_whole_on_every_node_with_validation_in_the_same_pass()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(new FakeClusterOptions { AllowModulesUpload = true });
        using var client = cluster.CreateClient();
        var builder = new ModulePackageBuilder("gears", "1.2.3").WithPayload(RandomNumberGenerator.GetBytes(1024 * 1024));
        string path = builder.WriteToTempFile();

        await client.UploadModuleAsync(path, cancellationToken: Ct);

        Assert.All(new[] { 1, 2, 3 }, node => Assert.Single(cluster.NodeArtifacts(node)));
        Assert.All(
            cluster.Requests.Where(r => r.Method == "POST" && r.Path == "/v2/local/modules/user-defined/artifacts"),
            r => Assert.Equal(long.Parse(r.Headers["Content-Length"], CultureInfo.InvariantCulture), r.BodyLength));
    }

    /// <summary>
    /// Stops the cluster (it waits for the requests it has) and checks that no upload to <paramref name="path"/> arrived whole.
    /// How many it saw varies: a request whose headers were still in the client's buffer when the check failed never reaches it.
    /// </summary>
    private static async Task AssertNoUploadWasWholeAsync(FakeRedisEnterpriseCluster cluster, string path)
    {
        await cluster.DisposeAsync();
        Assert.All(
            cluster.Requests.Where(r => r.Method == "POST" && r.Path == path),
            r => Assert.True(r.BodyLength < long.Parse(r.Headers["Content-Length"], CultureInfo.InvariantCulture), $"{r} was received whole"));
    }
}
