using Hydra.Models.Networks;

namespace Hydra.Models.Tests;

/// <summary>
/// A CAM network's mean cross-entropy written again, plainly and in double throughout, so central
/// finite differences of it are exact to ~1e-10 and can judge the trainer's float gradients.
/// Parameters are the network's tensors in order: per block weights then bias, head weights, class bias.
/// </summary>
internal sealed class DoubleReference(CamNetwork network)
{
    public double[][] Parameters { get; } = network.Blocks
        .SelectMany(b => new[] { b.Weights, b.Bias })
        .Append(network.Head.Weights).Append(network.Head.ClassBias)
        .Select(t => t.Select(v => (double)v).ToArray()).ToArray();

    public double Loss(IReadOnlyList<float[]> images, IReadOnlyList<int> classes)
    {
        double total = 0;
        for (var i = 0; i < images.Count; i++)
        {
            var logits = Logits(images[i]);
            var max = logits.Max();
            double sum = 0;
            foreach (var z in logits) sum += Math.Exp(z - max);
            total += max + Math.Log(sum) - logits[classes[i]];
        }
        return total / images.Count;
    }

    private double[] Logits(float[] image)
    {
        var (c, h, w) = (network.Input.Channels, network.Input.Height, network.Input.Width);
        var maps = image.Select(v => (double)v).ToArray();
        // As the trainer and ONNX do: the float difference, then on in double.
        if (network.InputReference is { } reference) maps = image.Select((v, i) => (double)(v - reference[i])).ToArray();
        for (var b = 0; b < network.Blocks.Count; b++)
        {
            var block = network.Blocks[b];
            (maps, h, w) = Conv(maps, c, h, w, Parameters[2 * b], Parameters[2 * b + 1], block);
            c = block.OutChannels;
            for (var i = 0; i < maps.Length; i++) maps[i] = Math.Max(maps[i], 0);
            if (block.MaxPool) (maps, h, w) = Pool(maps, c, h, w);
        }
        var (headWeights, classBias) = (Parameters[^2], Parameters[^1]);
        var averages = new double[c];
        for (var i = 0; i < maps.Length; i++) averages[i / (h * w)] += maps[i] / (h * w);
        var logits = new double[network.Classes];
        for (var k = 0; k < logits.Length; k++)
        {
            logits[k] = classBias[k];
            for (var f = 0; f < c; f++) logits[k] += headWeights[k * c + f] * averages[f];
            if (network.Head.Pooling != CamPooling.MeanAndMax) continue;
            // The class map's maximum, position by position.
            var max = double.NegativeInfinity;
            for (var p = 0; p < h * w; p++)
            {
                double value = 0;
                for (var f = 0; f < c; f++) value += headWeights[k * c + f] * maps[f * h * w + p];
                max = Math.Max(max, value);
            }
            logits[k] += max;
        }
        return logits;
    }

    private static (double[], int, int) Conv(double[] input, int channels, int height, int width, double[] weights, double[] bias, ConvBlock block)
    {
        var (k, s, p) = (block.KernelSize, block.Stride, block.Padding);
        int outHeight = (height + 2 * p - k) / s + 1, outWidth = (width + 2 * p - k) / s + 1;
        var output = new double[block.OutChannels * outHeight * outWidth];
        for (var o = 0; o < block.OutChannels; o++)
        for (var y = 0; y < outHeight; y++)
        for (var x = 0; x < outWidth; x++)
        {
            var sum = bias[o];
            for (var c = 0; c < channels; c++)
            for (var ky = 0; ky < k; ky++)
            for (var kx = 0; kx < k; kx++)
            {
                int sy = y * s + ky - p, sx = x * s + kx - p;
                if (sy >= 0 && sy < height && sx >= 0 && sx < width)
                    sum += weights[((o * channels + c) * k + ky) * k + kx] * input[(c * height + sy) * width + sx];
            }
            output[(o * outHeight + y) * outWidth + x] = sum;
        }
        return (output, outHeight, outWidth);
    }

    private static (double[], int, int) Pool(double[] input, int channels, int height, int width)
    {
        int outHeight = height / 2, outWidth = width / 2;
        var output = new double[channels * outHeight * outWidth];
        for (var c = 0; c < channels; c++)
        for (var y = 0; y < outHeight; y++)
        for (var x = 0; x < outWidth; x++)
        {
            double At(int dy, int dx) => input[(c * height + 2 * y + dy) * width + 2 * x + dx];
            output[(c * outHeight + y) * outWidth + x] = Math.Max(Math.Max(At(0, 0), At(0, 1)), Math.Max(At(1, 0), At(1, 1)));
        }
        return (output, outHeight, outWidth);
    }
}
