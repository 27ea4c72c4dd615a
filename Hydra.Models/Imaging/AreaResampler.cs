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
    }

    public void Dispose() => ArrayPool<float>.Shared.Return(open);

    private Span<float> OpenRow(int targetRow) => open.AsSpan(targetRow % openRows * rowLength, rowLength);

    public bool Complete => nextTargetRow == height;

    /// <summary>
    /// Adds the next <paramref name="count"/> source rows (premultiplied RGBA, <paramref name="rowBytes"/>
    /// apart) and writes the target rows they finish into <paramref name="destination"/>: C x H x W,
    /// RGB planes, or luma when C is 1.
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
            // In units where a source row is `height` tall and a target row `sourceHeight` tall, both
            // grids are integers: source row y spans [y*height, (y+1)*height).
            long top = (long)y * height, bottom = top + height;
            for (var ty = (int)(top / sourceHeight); ty < height && (long)ty * sourceHeight < bottom; ty++)
            {
                var overlap = Math.Min(bottom, (long)(ty + 1) * sourceHeight) - Math.Max(top, (long)ty * sourceHeight);
                if (overlap > 0)
                    AddScaled(row, (float)overlap / sourceHeight, OpenRow(ty));
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
