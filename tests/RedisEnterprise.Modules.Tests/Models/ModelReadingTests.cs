using RedisEnterprise.Modules.Serialization;

namespace RedisEnterprise.Modules.Tests.Models;

public class ModelReadingTests
{
    // As the client reads them.
    private static ModuleInfo Module(string json) => JsonSerializer.Deserialize(json, ModulesJsonContext.Default.ModuleInfo)!;

    private static ActionInfo Action(string json) => JsonSerializer.Deserialize(json, ModulesJsonContext.Default.ActionInfo)!;

    [Fact]
    public void The_documented_v2_example_reads_field_by_field()
    {
        ModuleInfo m = Module(MockCluster.Data("module-v2-redisgears.json"));
        ModuleAssertions.IsRedisGearsExample(m);
    }

    [Theory]
    [InlineData("\"20807\"", 20807)]
    [InlineData("20807.0", 20807)]
    [InlineData("20807", 20807)]
    public void Version_accepts_strings_and_integral_floats(string wire, long expected) =>
        Assert.Equal(expected, Module($$"""{"uid":"1","version":{{wire}}}""").Version);

    [Fact]
    public void Version_with_a_fraction_is_an_error_not_a_silent_default() =>
        Assert.Throws<JsonException>(() => Module("""{"uid":"1","version":20807.5}"""));

    [Fact]
    public void Missing_fields_nulls_and_empty_objects_parse()
    {
        ModuleInfo m = Module("""{"uid":"a","module_name":null,"crdb":{},"dependencies":{},"platforms":null,"capabilities":null,"compatible_redis_version":""}""");
        Assert.Equal("a", m.Uid);
        Assert.Null(m.ModuleName);
        Assert.NotNull(m.Crdb);
        Assert.Null(m.Crdb!.SupportedFeaturesetVersions);
        Assert.Empty(m.Dependencies!);
        Assert.Null(m.Platforms);
        Assert.Equal(string.Empty, m.CompatibleRedisVersion);
        Assert.Null(m.Version);
    }

    [Fact]
    public void Platforms_is_a_map_keyed_by_platform()
    {
        ModuleInfo m = Module("""{"uid":"1","platforms":{"rhel9/x86_64":{"dependencies":{"d":{"url":"u","sha256":"s"}},"sha256":"abc"}}}""");
        ModulePlatform p = m.Platforms!["rhel9/x86_64"];
        Assert.Equal("abc", p.Sha256);
        Assert.Equal("u", p.Dependencies!["d"].Url);
    }

    [Fact]
    public void Numeric_uid_and_string_booleans_are_read()
    {
        ModuleInfo m = Module("""{"uid":1,"is_bundled":"true","bigstore_version_2_support":0}""");
        Assert.Equal("1", m.Uid);
        Assert.True(m.IsBundled);
        Assert.False(m.BigstoreVersion2Support);
    }

    [Fact]
    public void Unknown_fields_are_kept()
    {
        ModuleInfo m = Module("""{"uid":"1","new_field":{"x":[1,2]},"other":"v"}""");
        Assert.Equal("""{"x":[1,2]}""", m.AdditionalData["new_field"].GetRawText());
        Assert.Equal("v", m.AdditionalData["other"].GetString());
    }

    [Fact]
    public void Sixteen_bundled_modules_read()
    {
        var list = JsonSerializer.Deserialize(MockCluster.Data("modules-list-16.json"), ModulesJsonContext.Default.IReadOnlyListModuleInfo)!;
        Assert.Equal(16, list.Count);
        Assert.Equal(["bf", "search", "ReJSON", "timeseries"], list.Select(m => m.ModuleName).Distinct());
        Assert.All(list, m => Assert.Equal(32, m.Uid.Length));
        Assert.All(list, m => Assert.True(m.IsBundled));
        Assert.Equal(4, list.Count(m => m.Platforms is not null));
        Assert.Equal(20807, list.Single(m => m.ModuleName == "bf" && m.SemanticVersion == "2.8.7").Version);
        Assert.True(list[15].AdditionalData.ContainsKey("some_future_field"));
    }

    [Fact]
    public void A_v1_task_with_string_progress_and_string_times_reads()
    {
        ActionInfo a = Action(MockCluster.Data("action-v1-task.json"));
        Assert.Equal(ActionStatus.Completed, a.Status);
        Assert.Equal("completed", a.RawStatus);
        Assert.True(a.IsTerminal);
        Assert.Equal(100d, a.Progress);
        Assert.Equal("1", a.NodeUid);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1760400087), a.CreationTime);
        Assert.Equal("module_upload", a.Name);
        Assert.Equal("cluster", a.ObjectName);
        Assert.Equal(a.ActionUid, a.TaskId);
        Assert.Equal(JsonValueKind.Object, a.PendingOps!.Value.ValueKind);
    }

    [Fact]
    public void A_state_machine_without_progress_takes_its_error_from_error()
    {
        ActionInfo a = Action(MockCluster.Data("action-v1-state-machine.json"));
        Assert.Null(a.Progress);
        Assert.Equal(ActionStatus.Failed, a.Status);
        Assert.Equal("running_upgrade", a.State);
        Assert.Equal("insufficient memory on node 2", a.ErrorMessage);
    }

    [Fact]
    public void A_v2_action_takes_its_error_from_additional_info()
    {
        ActionInfo a = Action(MockCluster.Data("action-v2-additional-info.json"));
        Assert.Equal("task", a.ActionType);
        Assert.Equal(50d, a.Progress);
        Assert.Equal("2", a.NodeUid);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1760400087), a.CreationTime);
        Assert.Equal("internal_error", a.ErrorCode);
        Assert.Equal("module is in use by database 3", a.ErrorMessage);
        Assert.Equal("module", a.AdditionalInfo!.ObjectType);
        Assert.Equal("98f255d5d33704c8e4e97897fd92e32d", a.AdditionalInfo.ObjectUid);
    }

    [Fact]
    public void Error_message_wins_over_error_and_additional_info()
    {
        ActionInfo a = Action("""{"status":"failed","error_message":"first","error":"second","additional_info":{"error":"third"}}""");
        Assert.Equal("first", a.ErrorMessage);
    }

    [Theory]
    [InlineData("queued", ActionStatus.Queued, false)]
    [InlineData("starting", ActionStatus.Starting, false)]
    [InlineData("running", ActionStatus.Running, false)]
    [InlineData("pending", ActionStatus.Pending, false)]
    [InlineData("active", ActionStatus.Active, false)]
    [InlineData("cancelling", ActionStatus.Cancelling, false)]
    [InlineData("cancelled", ActionStatus.Cancelled, true)]
    [InlineData("aborted", ActionStatus.Aborted, true)]
    [InlineData("completed", ActionStatus.Completed, true)]
    [InlineData("failed", ActionStatus.Failed, true)]
    [InlineData("COMPLETED", ActionStatus.Completed, true)]
    [InlineData("rebalancing-shards", ActionStatus.Unknown, false)]
    public void Every_status_value_is_understood(string wire, ActionStatus expected, bool terminal)
    {
        ActionInfo a = Action($$"""{"status":"{{wire}}"}""");
        Assert.Equal(expected, a.Status);
        Assert.Equal(terminal, a.IsTerminal);
        Assert.Equal(wire, a.RawStatus);
    }

    [Theory]
    [InlineData("\"1760400087\"")]
    [InlineData("1760400087")]
    [InlineData("1760400087000")]
    [InlineData("\"2025-10-14T00:01:27Z\"")]
    public void Creation_time_reads_every_spelling(string wire) =>
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1760400087), Action($$"""{"creation_time":{{wire}}}""").CreationTime);

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("[1]")]
    [InlineData("{}")]
    public void Progress_of_the_wrong_shape_is_an_error(string wire) =>
        Assert.Throws<JsonException>(() => Action($$"""{"progress":{{wire}}}"""));

    [Fact]
    public void Models_are_immutable_records() =>
        Assert.All(typeof(ModuleInfo).Assembly.GetExportedTypes().Where(t => t.Namespace == "RedisEnterprise.Modules" && t.Name.EndsWith("Info", StringComparison.Ordinal)),
            t => Assert.All(t.GetProperties().Where(p => p.SetMethod is { IsPublic: true }),
                p => Assert.Contains(p.SetMethod!.ReturnParameter.GetRequiredCustomModifiers(), m => m.Name == "IsExternalInit")));
}

internal static class ModuleAssertions
{
    internal static void IsRedisGearsExample(ModuleInfo m)
    {
        Assert.Equivalent(
            new
            {
                ActionUid = "dfc0152c-8449-4b1c-9184-480ea7cb526c",
                Author = "RedisLabs",
                Capabilities = new[] { "types", "crdb", "failover_migrate", "persistence_aof", "persistence_rdb", "clustering", "backup_restore" },
                CommandLineArgs = "Plugin gears_python CreateVenv 1",
                ConfigCommand = "RG.CONFIGSET",
                Description = "Dynamic execution framework for your Redis data",
                DisplayName = "RedisGears",
                Email = "[email protected]",
                Homepage = "http://redisgears.io",
                IsBundled = false,
                License = "Redis Source Available License Agreement",
                MinRedisPackVersion = "6.0.0",
                MinRedisVersion = "6.0.0",
                ModuleName = "rg",
                SemanticVersion = "1.2.1",
                Sha256 = "2935ea53611803c8acf0015253c5ae1cd81391bbacb23e14598841e1edd8d28b",
                Uid = "98f255d5d33704c8e4e97897fd92e32d",
                Version = 10201,
            },
            m);
        Assert.Equal(2, m.Dependencies!.Count);
        Assert.Equal("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9", m.Dependencies["gears_jvm"].Sha256);
        Assert.Equal("http://example.com/redisgears_plugins/jvm_plugin/gears-jvm.linux-centos7-x64.0.1.0.tgz", m.Dependencies["gears_jvm"].Url);
        Assert.Equal("22dca9cd75484cb15b8130db37f5284e22e3759002154361f72f6d2db46ee682", m.Dependencies["gears_python"].Sha256);
        Assert.Equal("http://example.com/redisgears-python.linux-centos7-x64.1.2.1.tgz", m.Dependencies["gears_python"].Url);
        Assert.Empty(m.AdditionalData);
    }
}
