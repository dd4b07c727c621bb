namespace Telepath.Media.Bridge;

/// <summary>
/// A simplified ITU-T G.107 E-model for one call leg: <c>R = 93.2 − Id − Ie,eff</c> (the default R0 − Is with no
/// advantage factor), then R → MOS with the G.107 Annex B mapping. Only delay and loss impair; both come from RTP/RTCP.
/// </summary>
/// <remarks>
/// <para>Delay impairment <c>Id</c> uses the common closed form of the G.107 delay curve for an echo-free path
/// (Cole and Rosenbluth, 2001): <c>Id = 0.024·d + 0.11·(d − 177.3)·H(d − 177.3)</c>, d the one-way mouth-to-ear
/// delay in ms. The effective one-way delay adds twice the jitter (what a de-jitter buffer would hold) to the
/// network delay.</para>
/// <para>Loss impairment (G.107 §3.5): <c>Ie,eff = Ie + (95 − Ie) · Ppl / (Ppl / BurstR + Bpl)</c> with G.711's
/// <c>Ie = 0</c>, random loss (<c>BurstR = 1</c>) and <c>Bpl = 4.3</c>, the G.113 Appendix I value for G.711 without
/// packet-loss concealment: the bridge forwards caller audio as received and conceals nothing.</para>
/// </remarks>
internal static class EModel
{
    /// <summary>G.107's default transmission rating with no impairment (R0 − Is).</summary>
    public const double DefaultR = 93.2;

    /// <summary>G.113 Appendix I packet-loss robustness of G.711 without concealment.</summary>
    public const double G711BplWithoutConcealment = 4.3;

    /// <summary>G.113 Appendix I packet-loss robustness of G.711 with concealment (Appendix I of G.711).</summary>
    public const double G711BplWithConcealment = 25.1;

    /// <summary>Estimates the MOS of a G.711 leg.</summary>
    /// <param name="oneWayDelayMs">Network one-way delay in ms (e.g. RTCP RTT / 2).</param>
    /// <param name="jitterMs">Interarrival jitter in ms.</param>
    /// <param name="lossPercent">Packet loss in percent (0–100).</param>
    /// <param name="bpl">The codec's packet-loss robustness factor.</param>
    /// <returns>MOS between 1 and 4.5.</returns>
    public static double EstimateMos(double oneWayDelayMs, double jitterMs, double lossPercent, double bpl = G711BplWithoutConcealment) =>
        MosFromR(RatingFactor(oneWayDelayMs + (2 * Math.Max(0, jitterMs)), lossPercent, bpl));

    /// <summary>Computes R from the effective one-way delay and the loss.</summary>
    public static double RatingFactor(double effectiveDelayMs, double lossPercent, double bpl = G711BplWithoutConcealment) =>
        DefaultR - DelayImpairment(effectiveDelayMs) - LossImpairment(lossPercent, bpl);

    /// <summary>The delay impairment Id for a one-way delay in ms.</summary>
    public static double DelayImpairment(double delayMs)
    {
        double d = Math.Max(0, delayMs);
        return (0.024 * d) + (d > 177.3 ? 0.11 * (d - 177.3) : 0);
    }

    /// <summary>The effective equipment impairment Ie,eff of G.711 (Ie = 0) under random loss.</summary>
    public static double LossImpairment(double lossPercent, double bpl = G711BplWithoutConcealment)
    {
        double ppl = Math.Clamp(lossPercent, 0, 100);
        return 95 * ppl / (ppl + bpl);
    }

    /// <summary>G.107 Annex B: MOS from R.</summary>
    public static double MosFromR(double r)
    {
        if (r <= 0)
        {
            return 1;
        }

        if (r >= 100)
        {
            return 4.5;
        }

        return 1 + (0.035 * r) + (r * (r - 60) * (100 - r) * 7e-6);
    }
}
