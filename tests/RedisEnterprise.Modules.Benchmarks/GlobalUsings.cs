global using RedisEnterprise.Modules.Benchmarks.Baseline;
global using RedisEnterprise.Modules.Benchmarks.Infrastructure;
global using RedisEnterprise.Modules.TestSupport;
global using System.Globalization;
