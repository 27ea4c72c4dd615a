using Hydra.Core.Detectors;
using Hydra.Core.TranslationTables;

namespace Hydra.Iolaus.Cli;

/// <summary><c>tt export [--detector ECAL] [--out folder]</c>: translation tables in CCDB text format.</summary>
public static class TtExportCommand
{
    public const string Usage = "tt export [--detector NAME] [--out FOLDER]   write translation tables (CCDB text); stdout for one detector without --out";

    public static int Run(Arguments args, TextWriter output)
    {
        var detector = args.String("detector");
        var folder = args.String("out");
        args.RejectUnknown();

        IReadOnlyList<DetectorGeometry> detectors;
        try
        {
            detectors = detector is null ? Clas12.All : [Clas12.Get(detector)];
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }

        if (folder is null)
        {
            if (detectors.Count > 1) throw new UsageException("give --detector NAME to print one table, or --out FOLDER to write them all");
            output.Write(CcdbTextFormat.Write(TranslationTableGenerator.For(detectors[0])));
            return 0;
        }
        Directory.CreateDirectory(folder);
        foreach (var geometry in detectors)
        {
            var table = TranslationTableGenerator.For(geometry);
            var path = Path.Combine(folder, $"{geometry.Name.ToLowerInvariant()}.txt");
            File.WriteAllText(path, CcdbTextFormat.Write(table));
            output.WriteLine($"{path}: {table.Rows.Count} rows{(table.IsSynthetic ? " (synthetic crate numbers)" : "")}");
        }
        return 0;
    }
}
