namespace Hydra.Models.Networks;

/// <summary>
/// The layers of <see cref="CamNetwork"/> as plain loops, written for clarity: they are the
/// definition the ONNX export is checked against, not a fast path (ONNX Runtime serves). Sums are
/// accumulated in double so the reference is the more exact side of any comparison.
/// </summary>
internal static class ReferenceOps
{
    /// <summary>Cross-correlation with zero padding, as ONNX Conv and PyTorch Conv2d define it.</summary>
    public static FeatureMaps Conv(FeatureMaps input, float[] weights, float[]? bias, int outChannels, int kernel, int stride, int padding)
    {
        int height = (input.Height + 2 * padding - kernel) / stride + 1;
        int width = (input.Width + 2 * padding - kernel) / stride + 1;
        var output = new float[input.Batch * outChannels * height * width];
        var index = 0;
        for (var n = 0; n < input.Batch; n++)
        for (var o = 0; o < outChannels; o++)
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            double sum = bias?[o] ?? 0;
            for (var c = 0; c < input.Channels; c++)
            for (var ky = 0; ky < kernel; ky++)
            {
                var sy = y * stride + ky - padding;
                if (sy < 0 || sy >= input.Height) continue;
                for (var kx = 0; kx < kernel; kx++)
                {
                    var sx = x * stride + kx - padding;
                    if (sx < 0 || sx >= input.Width) continue;
                    sum += (double)weights[((o * input.Channels + c) * kernel + ky) * kernel + kx] * input[n, c, sy, sx];
                }
            }
            output[index++] = (float)sum;
        }
        return new FeatureMaps(input.Batch, outChannels, height, width, output);
    }

    /// <summary>Subtracts one C x H x W image from every image of the batch (ONNX Sub with broadcasting over N).</summary>
    public static FeatureMaps Subtract(FeatureMaps input, float[] reference)
    {
        var output = new float[input.Values.Length];
        for (var i = 0; i < output.Length; i++) output[i] = input.Values[i] - reference[i % reference.Length];
        return input with { Values = output };
    }

    public static FeatureMaps Relu(FeatureMaps input) =>
        input with { Values = Array.ConvertAll(input.Values, v => Math.Max(v, 0f)) };

    /// <summary>2 x 2 max-pool with stride 2; an odd last row or column is dropped (floor mode).</summary>
    public static FeatureMaps MaxPool2(FeatureMaps input)
    {
        int height = input.Height / 2, width = input.Width / 2;
        var output = new float[input.Batch * input.Channels * height * width];
        var index = 0;
        for (var n = 0; n < input.Batch; n++)
        for (var c = 0; c < input.Channels; c++)
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
            output[index++] = Math.Max(
                Math.Max(input[n, c, 2 * y, 2 * x], input[n, c, 2 * y, 2 * x + 1]),
                Math.Max(input[n, c, 2 * y + 1, 2 * x], input[n, c, 2 * y + 1, 2 * x + 1]));
        return new FeatureMaps(input.Batch, input.Channels, height, width, output);
    }

    /// <summary>The largest value of each map: [N, C, H, W] to [N, C].</summary>
    public static float[] GlobalMaxPool(FeatureMaps input)
    {
        var area = input.Height * input.Width;
        var output = new float[input.Batch * input.Channels];
        for (var i = 0; i < output.Length; i++)
        {
            var max = float.NegativeInfinity;
            for (var p = 0; p < area; p++) max = Math.Max(max, input.Values[i * area + p]);
            output[i] = max;
        }
        return output;
    }

    /// <summary>The mean of each map: [N, C, H, W] to [N, C].</summary>
    public static float[] GlobalAveragePool(FeatureMaps input)
    {
        var area = input.Height * input.Width;
        var output = new float[input.Batch * input.Channels];
        for (var map = 0; map < output.Length; map++)
        {
            double sum = 0;
            for (var i = 0; i < area; i++) sum += input.Values[map * area + i];
            output[map] = (float)(sum / area);
        }
        return output;
    }

    /// <summary>Softmax of each row, shifted by the row's maximum so large logits cannot overflow.</summary>
    public static float[] Softmax(float[] logits, int rows, int columns)
    {
        var output = new float[logits.Length];
        for (var r = 0; r < rows; r++)
        {
            var row = logits.AsSpan(r * columns, columns);
            double max = double.NegativeInfinity, sum = 0;
            foreach (var v in row) max = Math.Max(max, v);
            for (var k = 0; k < columns; k++) sum += Math.Exp(row[k] - max);
            for (var k = 0; k < columns; k++) output[r * columns + k] = (float)(Math.Exp(row[k] - max) / sum);
        }
        return output;
    }
}
