using System.IO.Hashing;

namespace RedisEnterprise.Modules.Packages;

/// <summary>A stored entry's bytes, whose CRC-32 is checked against the declared one when the end is reached.</summary>
internal sealed class StoredEntryStream(Stream data, uint expectedCrc) : ReadOnlyStream
{
    private readonly Crc32 _crc = new();

    public override int Read(Span<byte> buffer) => Check(buffer, data.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read = await data.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Check(buffer.Span, read);
    }

    private int Check(ReadOnlySpan<byte> buffer, int read)
    {
        if (read > 0)
        {
            _crc.Append(buffer[..read]);
        }
        else if (buffer.Length > 0 && _crc.GetCurrentHashAsUInt32() != expectedCrc)
        {
            throw new InvalidDataException("its bytes do not match its declared CRC-32.");
        }

        return read;
    }
}
