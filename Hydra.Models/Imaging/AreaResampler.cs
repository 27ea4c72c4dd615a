using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Hydra.Models.Imaging;

/// <summary>
/// Resizes an image by exact area averaging (ADR-014): each target pixel is the mean of the source
/// area it covers, every source pixel weighted by the fraction of it that falls inside. Shrinking
/// a 1590 x 820 plot to 160 x 80 therefore keeps a single hot channel as a trace of exactly its
/// share of the target pixel, and anyone can reproduce the input outside Hydra with a box/area
/// resize (PIL's <c>Image.BOX</c>, OpenCV's <c>INTER_AREA</c>) up to rounding.
/// <para>
/// One pass over the source, top to bottom: each source row is added, weighted, into the one or two
/// target rows it overlaps (eight bytes per instruction), and a target row is folded across its
/// columns and written out as soon as its last source row is in. Rows could come from a decoder
/// band by band; Skia only decodes PNGs whole, so today they come from one buffer.
/// </para>
/// <para>
/// A four-channel shape adds the blank channel (ADR-018): each target pixel is the whitest source
/// pixel it touches, min(R, G, B) over white, so a dead strip one source row high stays 1 instead
/// of fading to its area share. It is PyTorch's <c>adaptive_max_pool2d</c> of that minimum: the
/// same source pixels (every one with a positive overlap) as the average.
/// </para>
/// </summary>
internal sealed class AreaResampler : IDisposable
{
    private const int Rgba = 4;
    private readonly int sourceWidth, sourceHeight, width, height;
    private readonly ImageShape shape;

    // Target column dx reads source columns X[Start[dx] .. Start[dx + 1]) with weights Weight.
    private readonly ColumnTaps taps;

    // Open target rows, each a running weighted sum of whole source rows (RGBA floats), ring-indexed
    // by row: `openRows` slots of `rowLength` floats in one pooled buffer.
    private readonly float[] open;
    private readonly int openRows, rowLength;

    // Blank channel only: the open target rows' whitest pixel per source column (0-255), ring-indexed
    // like `open`, and one source row's whiteness.
    private readonly uint[]? blank, whiteness;
    private int nextSourceRow, nextTargetRow;

    public AreaResampler(int sourceWidth, int sourceHeight, ImageShape shape)
    {
        (this.sourceWidth, this.sourceHeight, this.shape) = (sourceWidth, sourceHeight, shape);
        (width, height) = (shape.Width, shape.Height);
        taps = ColumnTaps.For(sourceWidth, width);

        // A source row overlaps at most ceil(height / sourceHeight) + 1 target rows: that many are open at once.
        openRows = (height + sourceHeight - 1) / sourceHeight + 1;
        rowLength = sourceWidth * Rgba;
        // Pooled: at hundreds of images a second, two fresh 25 kB rows per plot were most of the
        // pipeline's garbage. Rented arrays hold old sums, hence the clear.
        open = ArrayPool<float>.Shared.Rent(openRows * rowLength);
        Array.Clear(open, 0, openRows * rowLength);
        if (shape.Channels == ImageShape.RgbAndBlank)
        {
            blank = ArrayPool<uint>.Shared.Rent(openRows * sourceWidth);
            Array.Clear(blank, 0, openRows * sourceWidth);
            whiteness = ArrayPool<uint>.Shared.Rent(sourceWidth);
        }
    }

    public void Dispose()
    {
        ArrayPool<float>.Shared.Return(open);
        if (blank is not null) ArrayPool<uint>.Shared.Return(blank);
        if (whiteness is not null) ArrayPool<uint>.Shared.Return(whiteness);
    }

    private Span<float> OpenRow(int targetRow) => open.AsSpan(targetRow % openRows * rowLength, rowLength);

    private Span<uint> BlankRow(int targetRow) => blank.AsSpan(targetRow % openRows * sourceWidth, sourceWidth);

    public bool Complete => nextTargetRow == height;

    /// <summary>
    /// Adds the next <paramref name="count"/> source rows (premultiplied RGBA, <paramref name="rowBytes"/>
    /// apart) and writes the target rows they finish into <paramref name="destination"/>: C x H x W,
    /// RGB planes (then the blank plane when C is 4), or luma when C is 1.
    /// </summary>
    // Fully optimised from the first call: tiered compilation would otherwise run these loops as
    // instrumented code for thousands of images before promoting them (seen in the pipeline bench).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRows(ReadOnlySpan<byte> rows, int count, int rowBytes, Span<float> destination)
    {
        for (var r = 0; r < count; r++)
        {
            var row = rows.Slice(r * rowBytes, sourceWidth * Rgba);
            var y = nextSourceRow++;
            if (whiteness is not null) Whiteness(row, whiteness.AsSpan(0, sourceWidth));
            // In units where a source row is `height` tall and a target row `sourceHeight` tall, both
            // grids are integers: source row y spans [y*height, (y+1)*height).
            long top = (long)y * height, bottom = top + height;
            for (var ty = (int)(top / sourceHeight); ty < height && (long)ty * sourceHeight < bottom; ty++)
            {
                var overlap = Math.Min(bottom, (long)(ty + 1) * sourceHeight) - Math.Max(top, (long)ty * sourceHeight);
                if (overlap <= 0)
                    continue;
                AddScaled(row, (float)overlap / sourceHeight, OpenRow(ty));
                if (whiteness is not null) MaxInto(whiteness.AsSpan(0, sourceWidth), BlankRow(ty));
            }

            while (nextTargetRow < height && (long)(nextTargetRow + 1) * sourceHeight <= bottom)
                FinishRow(nextTargetRow++, destination);
        }
    }

    /// <summary>Folds the columns of a finished target row and writes it, then clears its slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FinishRow(int ty, Span<float> destination)
    {
        var sums = OpenRow(ty);
        var pixels = MemoryMarshal.Cast<float, Vector128<float>>(sums);
        var plane = width * height;
        var (start, xs, weights) = (taps.Start, taps.X, taps.Weight);
        for (var tx = 0; tx < width; tx++)
        {
            var rgba = Vector128<float>.Zero;
            for (var t = start[tx]; t < start[tx + 1]; t++)
                rgba += pixels[xs[t]] * weights[t];

            // Plots are drawn on white, so transparency means background. Over white, premultiplied
            // colour p with coverage a becomes p + 255 - a; that is linear, so it holds for the means too.
            var background = 255f - rgba[3];
            float r = rgba[0] + background, g = rgba[1] + background, b = rgba[2] + background;
            var i = ty * width + tx;
            if (shape.Channels == 1)
            {
                destination[i] = (PlotImage.RedLuma * r + PlotImage.GreenLuma * g + PlotImage.BlueLuma * b) / 255f;
            }
            else
            {
                destination[i] = r / 255f;
                destination[plane + i] = g / 255f;
                destination[2 * plane + i] = b / 255f;
            }
        }
        sums.Clear();
        if (blank is not null) FinishBlankRow(ty, destination);
    }

    /// <summary>Writes a finished target row of the blank channel: the whitest source column each pixel covers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FinishBlankRow(int ty, Span<float> destination)
    {
        var whitest = BlankRow(ty);
        var (start, xs) = (taps.Start, taps.X);
        var offset = 3 * width * height + ty * width;
        for (var tx = 0; tx < width; tx++)
        {
            var max = 0u;
            for (var t = start[tx]; t < start[tx + 1]; t++)
                max = Math.Max(max, whitest[xs[t]]);
            destination[offset + tx] = max / 255f;
        }
        whitest.Clear();
    }

    /// <summary>
    /// Each premultiplied RGBA pixel's whiteness over white, min(R, G, B) + 255 - A: 255 only for
    /// bare background, 0 for any saturated palette colour and for black.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Whiteness(ReadOnlySpan<byte> row, Span<uint> whiteness)
    {
        // R, G, B, A bytes read as one little-endian word per pixel (x64 and Arm64 both are).
        var pixels = MemoryMarshal.Cast<byte, uint>(row);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var (mask, full) = (Vector256.Create(0xFFu), Vector256.Create(255u));
            ref var source = ref MemoryMarshal.GetReference(pixels);
            ref var target = ref MemoryMarshal.GetReference(whiteness);
            for (; i <= pixels.Length - Vector256<uint>.Count; i += Vector256<uint>.Count)
            {
                var p = Vector256.LoadUnsafe(ref source, (nuint)i);
                var min = Vector256.Min(p & mask, Vector256.Min((p >> 8) & mask, (p >> 16) & mask));
                (min + full - (p >> 24)).StoreUnsafe(ref target, (nuint)i);
            }
        }
        for (; i < pixels.Length; i++)
        {
            var p = pixels[i];
            whiteness[i] = Math.Min(p & 0xFF, Math.Min((p >> 8) & 0xFF, (p >> 16) & 0xFF)) + 255 - (p >> 24);
        }
    }

    /// <summary>whitest = max(whitest, row), eight columns per instruction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MaxInto(ReadOnlySpan<uint> row, Span<uint> whitest)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var source = ref MemoryMarshal.GetReference(row);
            ref var target = ref MemoryMarshal.GetReference(whitest);
            for (; i <= row.Length - Vector256<uint>.Count; i += Vector256<uint>.Count)
                Vector256.Max(Vector256.LoadUnsafe(ref source, (nuint)i), Vector256.LoadUnsafe(ref target, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
        }
        for (; i < row.Length; i++)
            whitest[i] = Math.Max(whitest[i], row[i]);
    }

    /// <summary>sums += weight * row, bytes widened to floats eight at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddScaled(ReadOnlySpan<byte> row, float weight, Span<float> sums)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var w = Vector256.Create(weight);
            ref var source = ref MemoryMarshal.GetReference(row);
            ref var target = ref MemoryMarshal.GetReference(sums);
            for (; i <= row.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref source, (nuint)i));
                Accumulate(Vector256.WidenLower(low), w, ref target, i);
                Accumulate(Vector256.WidenUpper(low), w, ref target, i + 8);
                Accumulate(Vector256.WidenLower(high), w, ref target, i + 16);
                Accumulate(Vector256.WidenUpper(high), w, ref target, i + 24);
            }
        }
        for (; i < row.Length; i++)
            sums[i] += weight * row[i];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(Vector256<uint> values, Vector256<float> weight, ref float target, int offset)
    {
        // Values are below 256, so the signed conversion (one instruction on AVX2) is exact.
        var scaled = Vector256.ConvertToSingle(values.AsInt32()) * weight;
        (Vector256.LoadUnsafe(ref target, (nuint)offset) + scaled).StoreUnsafe(ref target, (nuint)offset);
    }

    /// <summary>
    /// For each target column, the source columns it covers and the share of the target pixel each
    /// one is. They depend only on the two widths and mon12 saves a handful of sizes, so the last few
    /// are kept; only a few, because an upload can have any width.
    /// </summary>
    private sealed record ColumnTaps(int SourceWidth, int Width, int[] Start, int[] X, float[] Weight)
    {
        private static readonly ColumnTaps?[] Recent = new ColumnTaps?[8];
        private static int next;

        public static ColumnTaps For(int sourceWidth, int width)
        {
            for (var i = 0; i < Recent.Length; i++)
            {
                if (Volatile.Read(ref Recent[i]) is { } known && known.SourceWidth == sourceWidth && known.Width == width)
                    return known;
            }
            var taps = Compute(sourceWidth, width);
            // Replaced round-robin; a reference store is atomic, so readers see a whole entry or the old one.
            Volatile.Write(ref Recent[(Interlocked.Increment(ref next) & int.MaxValue) % Recent.Length], taps);
            return taps;
        }

        private static ColumnTaps Compute(int sourceWidth, int width)
        {
            var start = new int[width + 1];
            var xs = new List<int>(sourceWidth + width);
            var weights = new List<float>(sourceWidth + width);
            for (var tx = 0; tx < width; tx++)
            {
                start[tx] = xs.Count;
                // Source column x spans [x*width, (x+1)*width); target column tx spans [tx*sourceWidth, (tx+1)*sourceWidth).
                long left = (long)tx * sourceWidth, right = left + sourceWidth;
                for (var x = (int)(left / width); x < sourceWidth && (long)x * width < right; x++)
                {
                    var overlap = Math.Min(right, (long)(x + 1) * width) - Math.Max(left, (long)x * width);
                    if (overlap <= 0)
                        continue;
                    xs.Add(x);
                    weights.Add((float)overlap / sourceWidth);
                }
            }
            start[width] = xs.Count;
            return new ColumnTaps(sourceWidth, width, start, [.. xs], [.. weights]);
        }
    }
}
