using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Hydra.Models.Training;

/// <summary>
/// A convolution as a matrix product, one band of output positions [start, start + count) at a
/// time: output [O, P] = W [O, K] x columns [K, P] + bias, where a band's columns come from
/// <see cref="Im2Col"/>. With 256-bit vectors the three products are register-blocked: four
/// output channels (or four column rows) by two vectors of positions are accumulated in
/// registers over the whole inner dimension, so each loaded column vector feeds four fused
/// multiply-adds instead of one (an axpy per row is bound by loads and stores). Without them,
/// TensorPrimitives axpy and dot products over a band's rows. The order of every sum is fixed,
/// so results do not depend on threads or timing. Where the CPU has 512-bit vectors the output
/// and the column gradients use them (training ran 10-20 % faster on this machine's Xeon); each
/// of their sums runs along the inner dimension in the same order at any width, so they are the
/// same bits. The weight gradients sum along positions, so their vector width would change the
/// order: they stay 256-bit (512 bought nothing there).
/// </summary>
internal static class ConvLayer
{
    private const int Lanes = 8;

    private static bool Blocked => Vector256.IsHardwareAccelerated;

    public static void Forward(ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, ReadOnlySpan<float> columns,
        BlockShape shape, int start, int count, Span<float> output)
    {
        var rows = shape.ColumnRows;
        var o = 0;
        if (Blocked)
        {
            for (; o + 4 <= shape.OutChannels; o += 4)
                Forward4(weights.Slice(o * rows, 4 * rows), bias.Slice(o, 4), columns, rows, count,
                    output.Slice(o * shape.Positions + start), shape.Positions);
        }
        for (; o < shape.OutChannels; o++)
        {
            var z = output.Slice(o * shape.Positions + start, count);
            z.Fill(bias[o]);
            for (var k = 0; k < rows; k++)
                TensorPrimitives.MultiplyAdd(columns.Slice(k * count, count), weights[o * rows + k], z, z);
        }
    }

    /// <summary>Four output channels: z[j, p] = b[j] + Σk w[j, k] c[k, p], accumulated in k order.</summary>
    private static void Forward4(ReadOnlySpan<float> w, ReadOnlySpan<float> b, ReadOnlySpan<float> columns, int rows, int count,
        Span<float> output, int stride)
    {
        var p = Vector512.IsHardwareAccelerated ? Forward4<Floats512, Vector512<float>>(w, b, columns, rows, count, output, stride, 0) : 0;
        p = Forward4<Floats256, Vector256<float>>(w, b, columns, rows, count, output, stride, p);
        for (; p < count; p++)
        {
            for (var j = 0; j < 4; j++)
            {
                var sum = b[j];
                for (var k = 0; k < rows; k++) sum = MathF.FusedMultiplyAdd(columns[k * count + p], w[j * rows + k], sum);
                output[j * stride + p] = sum;
            }
        }
    }

    /// <summary>
    /// <see cref="Forward4(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, Span{float}, int)"/>
    /// for the positions from <paramref name="p"/> on that fill whole vectors; returns the first position left.
    /// </summary>
    private static int Forward4<TOps, TVector>(ReadOnlySpan<float> w, ReadOnlySpan<float> b, ReadOnlySpan<float> columns, int rows, int count,
        Span<float> output, int stride, int p)
        where TOps : struct, IFloatVectors<TVector>
        where TVector : struct
    {
        ref var c0 = ref MemoryMarshal.GetReference(columns);
        ref var w0 = ref MemoryMarshal.GetReference(w);
        ref var z0 = ref MemoryMarshal.GetReference(output);
        var lanes = TOps.Lanes;
        // Two vectors of positions at a time: eight independent accumulators keep both FMA units
        // busy (a fused multiply-add takes four cycles; four chains would leave half of them idle).
        for (; p + 2 * lanes <= count; p += 2 * lanes)
        {
            var a0 = TOps.Broadcast(b[0]);
            var a1 = TOps.Broadcast(b[1]);
            var a2 = TOps.Broadcast(b[2]);
            var a3 = TOps.Broadcast(b[3]);
            var (e0, e1, e2, e3) = (a0, a1, a2, a3);
            for (var k = 0; k < rows; k++)
            {
                var c = TOps.Load(ref c0, k * count + p);
                var d = TOps.Load(ref c0, k * count + p + lanes);
                var v0 = TOps.Broadcast(Unsafe.Add(ref w0, k));
                var v1 = TOps.Broadcast(Unsafe.Add(ref w0, rows + k));
                var v2 = TOps.Broadcast(Unsafe.Add(ref w0, 2 * rows + k));
                var v3 = TOps.Broadcast(Unsafe.Add(ref w0, 3 * rows + k));
                a0 = TOps.MultiplyAdd(c, v0, a0);
                e0 = TOps.MultiplyAdd(d, v0, e0);
                a1 = TOps.MultiplyAdd(c, v1, a1);
                e1 = TOps.MultiplyAdd(d, v1, e1);
                a2 = TOps.MultiplyAdd(c, v2, a2);
                e2 = TOps.MultiplyAdd(d, v2, e2);
                a3 = TOps.MultiplyAdd(c, v3, a3);
                e3 = TOps.MultiplyAdd(d, v3, e3);
            }
            TOps.Store(a0, ref z0, p);
            TOps.Store(e0, ref z0, p + lanes);
            TOps.Store(a1, ref z0, stride + p);
            TOps.Store(e1, ref z0, stride + p + lanes);
            TOps.Store(a2, ref z0, 2 * stride + p);
            TOps.Store(e2, ref z0, 2 * stride + p + lanes);
            TOps.Store(a3, ref z0, 3 * stride + p);
            TOps.Store(e3, ref z0, 3 * stride + p + lanes);
        }
        for (; p + lanes <= count; p += lanes)
        {
            var a0 = TOps.Broadcast(b[0]);
            var a1 = TOps.Broadcast(b[1]);
            var a2 = TOps.Broadcast(b[2]);
            var a3 = TOps.Broadcast(b[3]);
            for (var k = 0; k < rows; k++)
            {
                var c = TOps.Load(ref c0, k * count + p);
                a0 = TOps.MultiplyAdd(c, TOps.Broadcast(Unsafe.Add(ref w0, k)), a0);
                a1 = TOps.MultiplyAdd(c, TOps.Broadcast(Unsafe.Add(ref w0, rows + k)), a1);
                a2 = TOps.MultiplyAdd(c, TOps.Broadcast(Unsafe.Add(ref w0, 2 * rows + k)), a2);
                a3 = TOps.MultiplyAdd(c, TOps.Broadcast(Unsafe.Add(ref w0, 3 * rows + k)), a3);
            }
            TOps.Store(a0, ref z0, p);
            TOps.Store(a1, ref z0, stride + p);
            TOps.Store(a2, ref z0, 2 * stride + p);
            TOps.Store(a3, ref z0, 3 * stride + p);
        }
        return p;
    }

    /// <summary>dW [O, K] += dZ [O, band] x columnsᵀ.</summary>
    public static void AddWeightGradients(ReadOnlySpan<float> outputGradient, ReadOnlySpan<float> columns,
        BlockShape shape, int start, int count, Span<float> weightGradient)
    {
        var rows = shape.ColumnRows;
        var o = 0;
        if (Blocked && count >= Lanes)
        {
            for (; o + 4 <= shape.OutChannels; o += 4)
                WeightGradients4(outputGradient.Slice(o * shape.Positions + start), shape.Positions, columns, rows, count,
                    weightGradient.Slice(o * rows, 4 * rows));
        }
        for (; o < shape.OutChannels; o++)
        {
            var dz = outputGradient.Slice(o * shape.Positions + start, count);
            for (var k = 0; k < rows; k++)
                weightGradient[o * rows + k] += TensorPrimitives.Dot(dz, columns.Slice(k * count, count));
        }
    }

    /// <summary>
    /// Four output channels' rows of dW: per k, four dot products sharing each column load. Two
    /// rows k and k + 1 at a time give eight independent accumulators; each dot product is still
    /// summed in the same order, so the bits do not depend on the pairing.
    /// </summary>
    private static void WeightGradients4(ReadOnlySpan<float> dz, int stride, ReadOnlySpan<float> columns, int rows, int count, Span<float> dw)
    {
        ref var d0 = ref MemoryMarshal.GetReference(dz);
        ref var c0 = ref MemoryMarshal.GetReference(columns);
        var vectors = count / Lanes * Lanes;
        var k = 0;
        for (; k + 2 <= rows; k += 2)
        {
            var a0 = Vector256<float>.Zero;
            var a1 = Vector256<float>.Zero;
            var a2 = Vector256<float>.Zero;
            var a3 = Vector256<float>.Zero;
            var (e0, e1, e2, e3) = (a0, a1, a2, a3);
            var row = k * count;
            for (var p = 0; p < vectors; p += Lanes)
            {
                var c = Vector256.LoadUnsafe(ref c0, (nuint)(row + p));
                var n = Vector256.LoadUnsafe(ref c0, (nuint)(row + count + p));
                var g0 = Vector256.LoadUnsafe(ref d0, (nuint)p);
                var g1 = Vector256.LoadUnsafe(ref d0, (nuint)(stride + p));
                var g2 = Vector256.LoadUnsafe(ref d0, (nuint)(2 * stride + p));
                var g3 = Vector256.LoadUnsafe(ref d0, (nuint)(3 * stride + p));
                a0 = Vector256.FusedMultiplyAdd(c, g0, a0);
                e0 = Vector256.FusedMultiplyAdd(n, g0, e0);
                a1 = Vector256.FusedMultiplyAdd(c, g1, a1);
                e1 = Vector256.FusedMultiplyAdd(n, g1, e1);
                a2 = Vector256.FusedMultiplyAdd(c, g2, a2);
                e2 = Vector256.FusedMultiplyAdd(n, g2, e2);
                a3 = Vector256.FusedMultiplyAdd(c, g3, a3);
                e3 = Vector256.FusedMultiplyAdd(n, g3, e3);
            }
            AddRow(dz, stride, columns, row, vectors, count, rows, dw.Slice(k), a0, a1, a2, a3);
            AddRow(dz, stride, columns, row + count, vectors, count, rows, dw.Slice(k + 1), e0, e1, e2, e3);
        }
        for (; k < rows; k++)
        {
            var a0 = Vector256<float>.Zero;
            var a1 = Vector256<float>.Zero;
            var a2 = Vector256<float>.Zero;
            var a3 = Vector256<float>.Zero;
            var row = k * count;
            for (var p = 0; p < vectors; p += Lanes)
            {
                var c = Vector256.LoadUnsafe(ref c0, (nuint)(row + p));
                a0 = Vector256.FusedMultiplyAdd(c, Vector256.LoadUnsafe(ref d0, (nuint)p), a0);
                a1 = Vector256.FusedMultiplyAdd(c, Vector256.LoadUnsafe(ref d0, (nuint)(stride + p)), a1);
                a2 = Vector256.FusedMultiplyAdd(c, Vector256.LoadUnsafe(ref d0, (nuint)(2 * stride + p)), a2);
                a3 = Vector256.FusedMultiplyAdd(c, Vector256.LoadUnsafe(ref d0, (nuint)(3 * stride + p)), a3);
            }
            AddRow(dz, stride, columns, row, vectors, count, rows, dw.Slice(k), a0, a1, a2, a3);
        }
    }

    /// <summary>Finishes one column row's four dot products (the vector sums, then the positions past the last vector) into dW.</summary>
    private static void AddRow(ReadOnlySpan<float> dz, int stride, ReadOnlySpan<float> columns, int row, int vectors, int count, int rows,
        Span<float> dw, Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, Vector256<float> a3)
    {
        float s0 = Vector256.Sum(a0), s1 = Vector256.Sum(a1), s2 = Vector256.Sum(a2), s3 = Vector256.Sum(a3);
        for (var p = vectors; p < count; p++)
        {
            var c = columns[row + p];
            s0 = MathF.FusedMultiplyAdd(c, dz[p], s0);
            s1 = MathF.FusedMultiplyAdd(c, dz[stride + p], s1);
            s2 = MathF.FusedMultiplyAdd(c, dz[2 * stride + p], s2);
            s3 = MathF.FusedMultiplyAdd(c, dz[3 * stride + p], s3);
        }
        dw[0] += s0;
        dw[rows] += s1;
        dw[2 * rows] += s2;
        dw[3 * rows] += s3;
    }

    /// <summary>db = the row sums of dZ [O, P], written (not added).</summary>
    public static void BiasGradients(ReadOnlySpan<float> outputGradient, BlockShape shape, Span<float> biasGradient)
    {
        for (var o = 0; o < shape.OutChannels; o++)
            biasGradient[o] = TensorPrimitives.Sum(outputGradient.Slice(o * shape.Positions, shape.Positions));
    }

    /// <summary>dColumns [K, band] = Wᵀ [K, O] x dZ [O, band], the gradient to fold back onto the block's input.</summary>
    public static void ColumnGradients(ReadOnlySpan<float> weights, ReadOnlySpan<float> outputGradient,
        BlockShape shape, int start, int count, Span<float> columnGradient)
    {
        var rows = shape.ColumnRows;
        var k = 0;
        if (Blocked)
        {
            for (; k + 4 <= rows; k += 4)
                ColumnGradients4(weights, k, rows, shape.OutChannels, outputGradient.Slice(start), shape.Positions, count,
                    columnGradient.Slice(k * count, 4 * count));
        }
        for (; k < rows; k++)
        {
            var dc = columnGradient.Slice(k * count, count);
            dc.Clear();
            for (var o = 0; o < shape.OutChannels; o++)
                TensorPrimitives.MultiplyAdd(outputGradient.Slice(o * shape.Positions + start, count), weights[o * rows + k], dc, dc);
        }
    }

    /// <summary>Four column rows k..k+3: dc[j, p] = Σo W[o, k + j] dz[o, p], accumulated in o order.</summary>
    private static void ColumnGradients4(ReadOnlySpan<float> weights, int k, int rows, int outChannels, ReadOnlySpan<float> dz, int stride,
        int count, Span<float> dc)
    {
        var p = Vector512.IsHardwareAccelerated ? ColumnGradients4<Floats512, Vector512<float>>(weights, k, rows, outChannels, dz, stride, count, dc, 0) : 0;
        p = ColumnGradients4<Floats256, Vector256<float>>(weights, k, rows, outChannels, dz, stride, count, dc, p);
        for (; p < count; p++)
        {
            for (var j = 0; j < 4; j++)
            {
                var sum = 0f;
                for (var o = 0; o < outChannels; o++) sum = MathF.FusedMultiplyAdd(dz[o * stride + p], weights[o * rows + k + j], sum);
                dc[j * count + p] = sum;
            }
        }
    }

    /// <summary>The positions from <paramref name="p"/> on that fill whole vectors; returns the first position left.</summary>
    private static int ColumnGradients4<TOps, TVector>(ReadOnlySpan<float> weights, int k, int rows, int outChannels, ReadOnlySpan<float> dz,
        int stride, int count, Span<float> dc, int p)
        where TOps : struct, IFloatVectors<TVector>
        where TVector : struct
    {
        ref var d0 = ref MemoryMarshal.GetReference(dz);
        ref var w0 = ref MemoryMarshal.GetReference(weights);
        ref var g0 = ref MemoryMarshal.GetReference(dc);
        var lanes = TOps.Lanes;
        // Two vectors of positions at a time, for eight independent accumulators (see Forward4).
        for (; p + 2 * lanes <= count; p += 2 * lanes)
        {
            var a0 = TOps.Zero;
            var a1 = TOps.Zero;
            var a2 = TOps.Zero;
            var a3 = TOps.Zero;
            var (e0, e1, e2, e3) = (a0, a1, a2, a3);
            for (var o = 0; o < outChannels; o++)
            {
                var d = TOps.Load(ref d0, o * stride + p);
                var f = TOps.Load(ref d0, o * stride + p + lanes);
                var w = o * rows + k;
                var v0 = TOps.Broadcast(Unsafe.Add(ref w0, w));
                var v1 = TOps.Broadcast(Unsafe.Add(ref w0, w + 1));
                var v2 = TOps.Broadcast(Unsafe.Add(ref w0, w + 2));
                var v3 = TOps.Broadcast(Unsafe.Add(ref w0, w + 3));
                a0 = TOps.MultiplyAdd(d, v0, a0);
                e0 = TOps.MultiplyAdd(f, v0, e0);
                a1 = TOps.MultiplyAdd(d, v1, a1);
                e1 = TOps.MultiplyAdd(f, v1, e1);
                a2 = TOps.MultiplyAdd(d, v2, a2);
                e2 = TOps.MultiplyAdd(f, v2, e2);
                a3 = TOps.MultiplyAdd(d, v3, a3);
                e3 = TOps.MultiplyAdd(f, v3, e3);
            }
            TOps.Store(a0, ref g0, p);
            TOps.Store(e0, ref g0, p + lanes);
            TOps.Store(a1, ref g0, count + p);
            TOps.Store(e1, ref g0, count + p + lanes);
            TOps.Store(a2, ref g0, 2 * count + p);
            TOps.Store(e2, ref g0, 2 * count + p + lanes);
            TOps.Store(a3, ref g0, 3 * count + p);
            TOps.Store(e3, ref g0, 3 * count + p + lanes);
        }
        for (; p + lanes <= count; p += lanes)
        {
            var a0 = TOps.Zero;
            var a1 = TOps.Zero;
            var a2 = TOps.Zero;
            var a3 = TOps.Zero;
            for (var o = 0; o < outChannels; o++)
            {
                var d = TOps.Load(ref d0, o * stride + p);
                var w = o * rows + k;
                a0 = TOps.MultiplyAdd(d, TOps.Broadcast(Unsafe.Add(ref w0, w)), a0);
                a1 = TOps.MultiplyAdd(d, TOps.Broadcast(Unsafe.Add(ref w0, w + 1)), a1);
                a2 = TOps.MultiplyAdd(d, TOps.Broadcast(Unsafe.Add(ref w0, w + 2)), a2);
                a3 = TOps.MultiplyAdd(d, TOps.Broadcast(Unsafe.Add(ref w0, w + 3)), a3);
            }
            TOps.Store(a0, ref g0, p);
            TOps.Store(a1, ref g0, count + p);
            TOps.Store(a2, ref g0, 2 * count + p);
            TOps.Store(a3, ref g0, 3 * count + p);
        }
        return p;
    }
}
