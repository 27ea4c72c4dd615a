namespace Hydra.Iolaus.Simulation;

/// <summary>
/// The RICH module's 391 MaPMTs in 23 rows of 6 to 28 (6 + 7 + ... + 28 = 391), widest row
/// furthest from the beam, each PMT 8 x 8 anodes: the trapezoid the occupancy map shows.
/// </summary>
public static class RichLayout
{
    public const int Rows = 23;

    private static readonly (int Row, int Column)[] Positions = Build();

    /// <summary>Row (0 = nearest the beam) and column within the row of a PMT (1-391).</summary>
    public static (int Row, int Column) RowAndColumn(int pmt) => Positions[pmt - 1];

    public static int PmtsInRow(int row) => 6 + row;

    /// <summary>The pixel of an anode on the 260 x 207 map: rows centred, 8 pixels per PMT.</summary>
    public static (int X, int Y) Pixel(int pmt, int anode)
    {
        var (row, column) = RowAndColumn(pmt);
        var rowWidth = PmtsInRow(row) * 8;
        var x = 130 - rowWidth / 2 + column * 8 + (anode - 1) % 8;
        var y = 10 + row * 8 + (anode - 1) / 8;
        return (x, y);
    }

    private static (int, int)[] Build()
    {
        var positions = new List<(int, int)>();
        for (var row = 0; row < Rows; row++)
        {
            for (var column = 0; column < PmtsInRow(row); column++) positions.Add((row, column));
        }
        return [.. positions];
    }
}
