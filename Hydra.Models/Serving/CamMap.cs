using System.Buffers.Binary;

namespace Hydra.Models.Serving;

/// <summary>
/// One class's activation map for one image: where on the plot the network saw evidence for that
/// class, on the network's coarse h x w grid (row-major, top row first). Raw values are the
/// network's own units; <see cref="Normalized"/> makes them comparable between images.
/// </summary>
public sealed record CamMap(int Width, int Height, float[] Values)
{
    private const int HeaderBytes = 2 * sizeof(int);

    public int Width { get; } = Width > 0 ? Width : throw new ArgumentOutOfRangeException(nameof(Width), Width, "A map is at least one cell wide.");

    public int Height { get; } = Height > 0 ? Height : throw new ArgumentOutOfRangeException(nameof(Height), Height, "A map is at least one cell high.");

    public float[] Values { get; } = Values?.Length == (long)Width * Height
        ? Values
        : throw new ArgumentException($"A {Width} x {Height} map holds {(long)Width * Height} values, not {Values?.Length}.", nameof(Values));

    public float this[int x, int y] => Values[y * Width + x];

    /// <summary>
    /// The map scaled to 0..1 by its largest value. Negative evidence is clamped to 0 first, as
    /// GradCAM's ReLU does: the overlay shows where the class was seen, not where it was not. A map
    /// with no positive value normalises to all zeros.
    /// </summary>
    public CamMap Normalized()
    {
        var max = 0f;
        foreach (var v in Values) if (v > max) max = v;
        var normalized = new float[Values.Length];
        if (max > 0 && float.IsFinite(max))
            for (var i = 0; i < normalized.Length; i++) normalized[i] = Values[i] > 0 ? Values[i] / max : 0f;
        return new CamMap(Width, Height, normalized);
    }

    /// <summary>
    /// Little-endian int width, int height, then the floats row by row: compact enough for a
    /// PostgreSQL bytea column per verdict (a 16 x 16 map is 1,032 bytes) and readable by any
    /// language without a schema.
    /// </summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[HeaderBytes + Values.Length * sizeof(float)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, Width);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(sizeof(int)), Height);
        for (var i = 0; i < Values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(HeaderBytes + i * sizeof(float)), Values[i]);
        return bytes;
    }

    /// <summary>Reads <see cref="ToBytes"/>'s format; throws <see cref="FormatException"/> for anything else.</summary>
    public static CamMap FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderBytes)
            throw new FormatException($"{bytes.Length} bytes are too short for a CAM map's {HeaderBytes}-byte header.");
        var width = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        var height = BinaryPrimitives.ReadInt32LittleEndian(bytes[sizeof(int)..]);
        if (width < 1 || height < 1)
            throw new FormatException($"A CAM map of {width} x {height} cells cannot exist.");
        var expected = HeaderBytes + (long)width * height * sizeof(float);
        if (bytes.Length != expected)
            throw new FormatException($"A {width} x {height} CAM map takes {expected} bytes, not {bytes.Length}.");

        var values = new float[width * height];
        for (var i = 0; i < values.Length; i++)
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(HeaderBytes + i * sizeof(float))..]);
        return new CamMap(width, height, values);
    }
}
