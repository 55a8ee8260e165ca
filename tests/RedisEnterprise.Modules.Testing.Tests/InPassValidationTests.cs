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
    public async Task On_7_x_a_so_that_does_not_match_its_sha256_is_refused_mid_body_and_nothing_is_installed()
    {
        await using var cluster = FakeRedisEnterpriseCluster.Start(Legacy());
        using var client = cluster.CreateClient();
        string path = MismatchedPackage();

        var error = await Assert.ThrowsAsync<ModulePackageValidationException>(() => client.UploadModuleAsync(path, cancellationToken: Ct));

        Assert.Equal(ModulePackageProblemCodes.ModuleSha256Mismatch, Assert.Single(error.Validation.Problems).Code);
        FakeClusterRequest upload = await IncompleteUploadAsync(cluster, "/v2/modules");
        Assert.InRange(upload.BodyLength, 1, long.Parse(upload.Headers["Content-Length"], CultureInfo.InvariantCulture) - 1);
        Assert.DoesNotContain(cluster.Modules, m => m.ModuleName == "gears");
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

        // A node whose connection was still being set up when the check failed never sends its request, so how many
        // uploads the nodes saw varies; once the cluster has stopped (it waits for the requests it has), none was whole.
        await cluster.DisposeAsync();
        Assert.All(
            cluster.Requests.Where(r => r.Method == "POST" && r.Path == "/v2/local/modules/user-defined/artifacts"),
            r => Assert.True(r.BodyLength < long.Parse(r.Headers["Content-Length"], CultureInfo.InvariantCulture), $"{r} was received whole"));
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

    /// <summary>Waits (bounded) for the cluster to record <paramref name="count"/> uploads to <paramref name="path"/>; each body shorter than its Content-Length.</summary>
    private static async Task<FakeClusterRequest> IncompleteUploadAsync(FakeRedisEnterpriseCluster cluster, string path, int count = 1)
    {
        // The client gives up on the body first; the cluster records the request once it has seen the body end.
        var recorded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        List<FakeClusterRequest> Uploads() => [.. cluster.Requests.Where(r => r.Method == "POST" && r.Path == path)];
        void OnRecorded(object? sender, EventArgs e)
        {
            if (Uploads().Count >= count) recorded.TrySetResult();
        }

        cluster.RequestRecorded += OnRecorded;
        try
        {
            OnRecorded(null, EventArgs.Empty); // recorded before the handler was added
            await recorded.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        }
        finally
        {
            cluster.RequestRecorded -= OnRecorded;
        }

        List<FakeClusterRequest> uploads = Uploads();
        Assert.Equal(count, uploads.Count);
        Assert.All(uploads, r => Assert.True(r.BodyLength < long.Parse(r.Headers["Content-Length"], CultureInfo.InvariantCulture), $"{r} was received whole"));
        return uploads[0];
    }
}
