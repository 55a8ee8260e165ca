namespace RedisEnterprise.Modules.Tests;

public class SmokeTests
{
    [Fact]
    public void Parses_status() => Assert.Equal(ActionStatus.Completed, new ActionInfo { RawStatus = "completed" }.Status);
}
