using RedisEnterprise.Modules.Packages;

namespace RedisEnterprise.Modules.Upload;

/// <summary>
/// How an upload's package is checked while it is sent: from the upload's own bytes (a <see cref="PackagePass"/> fed as they
/// go out), or by one verdict that several uploads of the same file share (one check for every node). Either way the body's
/// last block waits for the verdict, so a package that fails is never received whole, and the caller gets the
/// <see cref="ModulePackageValidationException"/> that a check before the upload would have thrown.
/// </summary>
internal sealed class UploadCheck
{
    private readonly string _fileName;
    private readonly SequentialCheck? _ownBytes;
    private readonly Func<Task<List<ModulePackageProblem>>>? _sharedVerdict;
    private ModulePackageValidation? _refusal;

    private UploadCheck(string fileName, SequentialCheck? ownBytes, Func<Task<List<ModulePackageProblem>>>? sharedVerdict)
    {
        _fileName = fileName;
        _ownBytes = ownBytes;
        _sharedVerdict = sharedVerdict;
    }

    /// <summary>The failed validation, once a body was stopped for it.</summary>
    internal ModulePackageValidation? Refusal => Volatile.Read(ref _refusal);

    /// <summary>A check of the bytes the upload sends.</summary>
    internal static UploadCheck OfSentBytes(SequentialCheck check) => new(check.FileName, check, null);

    /// <summary>A check shared by several uploads; <paramref name="verdict"/> returns the same task each time.</summary>
    internal static UploadCheck Shared(string fileName, Func<Task<List<ModulePackageProblem>>> verdict) => new(fileName, null, verdict);

    /// <summary>The package's <c>module.json</c>, when the check was made from the upload's own bytes.</summary>
    internal ModulePackageMetadata? Metadata => _ownBytes?.Metadata;

    /// <summary>
    /// Reads the zip's structure from <paramref name="seekable"/> (from its position, restored), then as <see cref="FromScanAsync"/>.
    /// </summary>
    internal static async Task<UploadCheck?> PrepareAsync(Stream seekable, string fileName, CancellationToken cancellationToken)
    {
        PackageScan scan = await ModulePackage.ScanForUploadAsync(seekable, cancellationToken).ConfigureAwait(false);
        return await FromScanAsync(seekable, fileName, scan, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The check of <see cref="SequentialCheck.PrepareAsync"/>, run on the upload's bytes; <see langword="null"/> when there is none left to run.</summary>
    internal static async Task<UploadCheck?> FromScanAsync(Stream seekable, string fileName, PackageScan scan, CancellationToken cancellationToken) =>
        await SequentialCheck.PrepareAsync(seekable, fileName, scan, cancellationToken).ConfigureAwait(false) is { } check ? OfSentBytes(check) : null;

    /// <summary>Starts the check of this upload's bytes; <see langword="null"/> when the verdict is shared.</summary>
    internal PackagePass? StartPass() => _ownBytes is null ? null : new PackagePass(_ownBytes);

    /// <summary>Whether the verdict is in already, and names problems.</summary>
    internal bool HasFailed(PackagePass? pass) =>
        pass?.HasFailed ?? _sharedVerdict!() is { IsCompletedSuccessfully: true } verdict && verdict.Result.Count > 0;

    /// <summary>Waits for the verdict (ending <paramref name="pass"/>), or until <paramref name="cancellationToken"/> cancels, and throws when it names problems.</summary>
    internal async Task ThrowIfInvalidAsync(PackagePass? pass, CancellationToken cancellationToken)
    {
        List<ModulePackageProblem> problems = await (pass is not null ? pass.FinishAsync() : _sharedVerdict!()).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (problems.Count == 0) return;
        var refusal = new ModulePackageValidation(_fileName, problems);
        Volatile.Write(ref _refusal, refusal);
        throw new ModulePackageValidationException(refusal);
    }
}
