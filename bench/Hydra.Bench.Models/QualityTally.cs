namespace Hydra.Bench.Models;

/// <summary>
/// What the shift crew cares about, counted over labelled images: Bad plots caught (recall, and
/// caught with a confirmed verdict, which is what raises an alarm), Good plots that raise a
/// confirmed Bad (false alarms), and NoData recognised as NoData.
/// </summary>
public sealed class QualityTally
{
    public int Good, Bad, NoData;
    public int BadCalledBad, BadConfirmedBad, GoodConfirmedBad, NoDataCalledNoData, CalledBad, Correct;

    public void Add(string label, string verdict, bool confirmed)
    {
        if (verdict == label) Correct++;
        if (verdict == "Bad") CalledBad++;
        switch (label)
        {
            case "Good":
                Good++;
                if (verdict == "Bad" && confirmed) GoodConfirmedBad++;
                break;
            case "Bad":
                Bad++;
                if (verdict == "Bad") BadCalledBad++;
                if (verdict == "Bad" && confirmed) BadConfirmedBad++;
                break;
            case "NoData":
                NoData++;
                if (verdict == "NoData") NoDataCalledNoData++;
                break;
        }
    }

    public void Add(QualityTally other)
    {
        Good += other.Good; Bad += other.Bad; NoData += other.NoData;
        BadCalledBad += other.BadCalledBad; BadConfirmedBad += other.BadConfirmedBad; GoodConfirmedBad += other.GoodConfirmedBad;
        NoDataCalledNoData += other.NoDataCalledNoData; CalledBad += other.CalledBad; Correct += other.Correct;
    }

    public int Images => Good + Bad + NoData;

    public static string Share(int part, int whole) => whole == 0 ? "   -  " : $"{100.0 * part / whole,5:0.0}%";

    public string Row(string name) =>
        $"{name,-22} {Images,5} ({Good,4}/{Bad,4}/{NoData,3})  {Share(BadCalledBad, Bad)} {Share(BadConfirmedBad, Bad)} {Share(BadCalledBad, CalledBad)}  {Share(GoodConfirmedBad, Good)}  {Share(NoDataCalledNoData, NoData)}  {Share(Correct, Images)}";

    public const string Header =
        "plot type              images (  G/   B/ ND)  Bad recall (confirmed) precision  false alarms on Good  NoData recall  accuracy";
}
