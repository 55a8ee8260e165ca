namespace RedisEnterprise.Modules;

/// <summary>The codes of <see cref="ModulePackageProblem.Code"/>; where the RedisModule Packer has a code for the same check, it is the same.</summary>
public static class ModulePackageProblemCodes
{
    /// <summary>
    /// The file is not a zip archive, or it is corrupt or truncated: among others, an entry whose data does not match its declared
    /// CRC-32 or sizes, whose deflate data does not end at its declared compressed size, that is encrypted, or that is compressed
    /// other than stored or deflated.
    /// </summary>
    public const string NotAZip = "not_a_zip";

    /// <summary>The zip has no <c>module.json</c>.</summary>
    public const string ModuleJsonMissing = "module_json_missing";

    /// <summary><c>module.json</c> is not JSON, not an object, too large, or has a value of the wrong type.</summary>
    public const string ModuleJsonInvalid = "module_json_invalid";

    /// <summary>The zip holds an entry besides <c>module.json</c>, one <c>.so</c> and <c>deps/*.tgz</c>, or one of them twice.</summary>
    public const string InvalidNumberOfFiles = "invalid_number_of_files";

    /// <summary><c>module.json</c> has no <c>module_name</c>.</summary>
    public const string ModuleNameMissing = "module_name_missing";

    /// <summary><c>module.json</c> has no <c>module_file</c>, or the zip has no entry by that name.</summary>
    public const string ModuleFileMissing = "module_file_missing";

    /// <summary><c>module.json</c> has no <c>version</c>.</summary>
    public const string ModuleVersionMissing = "module_version_missing";

    /// <summary>The <c>version</c> is not an integer (<c>20807.0</c> counts as one).</summary>
    public const string ModuleVersionNotInteger = "module_version_not_integer";

    /// <summary>The <c>architecture</c> is neither <c>x86_64</c> nor <c>aarch64</c>.</summary>
    public const string ModuleArchitectureNotSupported = "module_architecture_not_supported";

    /// <summary><c>os_list</c> or <c>operating_systems</c> is not a list of operating systems such as <c>ubuntu18.04</c> or <c>rhel9</c>.</summary>
    public const string ModuleOsListInvalid = "module_os_list_invalid";

    /// <summary>The SHA-256 of the <c>.so</c> differs from the <c>sha256</c> in <c>module.json</c>.</summary>
    public const string ModuleSha256Mismatch = "module_sha256_mismatch";

    /// <summary>The <c>sha256</c> in <c>module.json</c> is not 64 hexadecimal characters.</summary>
    public const string ModuleSha256Invalid = "module_sha256_invalid";

    /// <summary>A dependency lacks a <c>url</c> or a valid <c>sha256</c>.</summary>
    public const string DependencyInvalid = "dependency_invalid";

    /// <summary>
    /// An entry name could write outside the extraction folder (<c>..</c>, an absolute path, a backslash, a drive letter), or could
    /// be read as another name (not UTF-8, or non-ASCII without the zip's UTF-8 flag), or is longer than a path can be (4,096 bytes).
    /// </summary>
    public const string UnsafeEntryName = "unsafe_entry_name";

    /// <summary>An entry is a symbolic link (Unix mode <c>120000</c> in its attributes): extracted, it could point anywhere on the machine.</summary>
    public const string EntryIsSymbolicLink = "entry_is_symbolic_link";

    /// <summary>
    /// The zip would expand to an unreasonable size or at an unreasonable ratio, an entry inflates past the size it declares,
    /// or the zip holds too many entries (1,000) or too large a directory (1 MiB).
    /// </summary>
    public const string ZipBomb = "zip_bomb";
}
