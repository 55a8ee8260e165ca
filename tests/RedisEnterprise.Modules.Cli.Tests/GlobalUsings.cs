global using System.Text.Json;
global using RedisEnterprise.Modules.Testing;
global using Xunit;
