namespace RedisEnterprise.Modules.Cli.Output;

/// <summary>How results are printed.</summary>
internal enum OutputFormat
{
    /// <summary>Tables and sentences, for people.</summary>
    Table,

    /// <summary>One JSON document with stable snake_case field names, for pipelines.</summary>
    Json,
}
