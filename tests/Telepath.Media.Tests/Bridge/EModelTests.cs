using Telepath.Media.Bridge;

namespace Telepath.Media.Tests.Bridge;

/// <summary>The simplified ITU-T G.107 E-model against values worked out by hand from the formulas it cites.</summary>
public sealed class EModelTests
{
    /// <summary>G.107 Annex B: the default R of 93.2 maps to MOS 4.41; R 50 to 2.58; the ends clamp to 1 and 4.5.</summary>
    [Theory]
    [InlineData(93.2, 4.409)]
    [InlineData(80, 4.024)]
    [InlineData(50, 2.575)]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(100, 4.5)]
    public void Maps_r_to_mos_per_g107_annex_b(double r, double mos) => Assert.Equal(mos, EModel.MosFromR(r), 3);

    /// <summary>Id grows 0.024 per ms, plus 0.11 per ms beyond 177.3 ms.</summary>
    [Theory]
    [InlineData(0, 0)]
    [InlineData(100, 2.4)]
    [InlineData(177.3, 4.2552)]
    [InlineData(200, 7.297)]
    [InlineData(400, 34.097)]
    public void Delay_impairment_follows_the_g107_curve(double delayMs, double id) => Assert.Equal(id, EModel.DelayImpairment(delayMs), 3);

    /// <summary>G.107 §3.5 with G.711's Ie 0, random loss and Bpl 4.3: 1 % loss costs 17.92, 5 % costs 51.08.</summary>
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 17.925)]
    [InlineData(5, 51.075)]
    public void Loss_impairment_of_g711_without_concealment(double loss, double ie) => Assert.Equal(ie, EModel.LossImpairment(loss), 3);

    [Fact]
    public void A_clean_short_call_scores_the_g711_maximum()
    {
        Assert.Equal(4.41, EModel.EstimateMos(0, 0, 0), 2);
    }

    [Fact]
    public void One_percent_loss_at_ten_ms_one_way_with_five_ms_jitter_scores_three_point_eight_one()
    {
        // R = 93.2 − 0.024 × (10 + 2 × 5) − 17.925 = 74.795 → MOS 3.81.
        Assert.Equal(3.81, EModel.EstimateMos(10, 5, 1), 2);
    }

    [Fact]
    public void Concealment_makes_g711_more_robust_to_loss()
    {
        Assert.True(EModel.EstimateMos(20, 0, 2, EModel.G711BplWithConcealment) > EModel.EstimateMos(20, 0, 2));
    }
}
