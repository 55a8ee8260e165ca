global using System.Net;
global using System.Net.Http.Headers;
global using System.Security.Cryptography;
global using System.Text;
global using System.Text.Json;
global using Xunit;
global using static RedisEnterprise.Modules.Testing.Tests.TestSupport;
