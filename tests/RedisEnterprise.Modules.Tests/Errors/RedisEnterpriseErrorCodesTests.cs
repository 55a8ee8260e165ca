using System.Reflection;
using System.Xml.Linq;
using RedisEnterprise.Modules.Errors;
using RedisEnterprise.Modules.Transport;

namespace RedisEnterprise.Modules.Tests.Errors;

/// <summary>
/// <see cref="RedisEnterpriseErrorCodes"/> and the error map agree: every constant, sent by the cluster, gives the exception its
/// XML doc names (never the bare <see cref="RedisEnterpriseException"/>: no documented code is without a type of its own),
/// with <see cref="RedisEnterpriseException.ErrorCode"/> equal to it; and the map knows no code that is not a constant.
/// </summary>
public class RedisEnterpriseErrorCodesTests
{
    private static readonly CallSite Upload = new("POST", "/v2/modules", Routes.ModulesV2);

    /// <summary>
    /// Codes whose type the map takes from the answer's status and request rather than from the code, each with the answer
    /// it is documented with: a 404 <c>module_delete_failed</c> is a module that is not there, like any 404 of a module's
    /// delete, but the same code with another status is some other failure of the delete.
    /// </summary>
    private static readonly Dictionary<string, (CallSite Call, int Status)> ByStatusAndRequest = new(StringComparer.Ordinal)
    {
        [RedisEnterpriseErrorCodes.ModuleDeleteFailed] = (new("DELETE", "/v2/modules/user-defined/abc", Routes.UserDefinedModule), 404),
    };

    public static TheoryData<string> Codes() => new(Constants().Values);

    [Theory]
    [MemberData(nameof(Codes))]
    public void Each_code_gives_the_exception_its_doc_names_with_the_code_kept(string code)
    {
        var (call, status) = ByStatusAndRequest.TryGetValue(code, out var answer) ? answer : (Upload, 400);

        var error = ErrorMap.FromAnswer(call, status, reasonPhrase: null, $$"""{"error_code": "{{code}}", "description": "x"}""", Redaction.Of(null));

        Assert.NotEqual(typeof(RedisEnterpriseException), error.GetType());
        Assert.Equal(DocumentedException(code), error.GetType());
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal("x", error.ServerMessage);
    }

    [Fact]
    public void Every_constant_is_a_code_the_map_knows_unless_its_type_comes_from_the_status()
    {
        var missing = Constants().Values.Except(ErrorMap.KnownErrorCodes, StringComparer.Ordinal).Except(ByStatusAndRequest.Keys, StringComparer.Ordinal);
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_code_the_map_knows_is_a_constant()
    {
        Assert.Empty(ErrorMap.KnownErrorCodes.Except(Constants().Values, StringComparer.Ordinal));
        Assert.Equal(Constants().Count, Constants().Values.Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>The class's <c>public const string</c> fields by name, read by reflection.</summary>
    private static Dictionary<string, string> Constants() =>
        typeof(RedisEnterpriseErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .ToDictionary(field => field.Name, field => (string)field.GetRawConstantValue()!);

    /// <summary>The one exception type the constant's XML doc names with <c>&lt;see cref&gt;</c>.</summary>
    private static Type DocumentedException(string code)
    {
        string name = Constants().Single(constant => constant.Value == code).Key;
        string member = $"F:{typeof(RedisEnterpriseErrorCodes).FullName}.{name}";
        XElement doc = DocumentationFile().Descendants("member").Single(m => (string?)m.Attribute("name") == member);
        Type[] named = doc.Descendants("see")
            .Select(see => (string?)see.Attribute("cref"))
            .Where(cref => cref is not null && cref.StartsWith("T:", StringComparison.Ordinal))
            .Select(cref => typeof(RedisEnterpriseException).Assembly.GetType(cref![2..], throwOnError: true)!)
            .Where(type => type.IsAssignableTo(typeof(RedisEnterpriseException)))
            .Distinct()
            .ToArray();
        return Assert.Single(named);
    }

    private static XDocument DocumentationFile() =>
        XDocument.Load(Path.ChangeExtension(typeof(RedisEnterpriseErrorCodes).Assembly.Location, ".xml"));
}
