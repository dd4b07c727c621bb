namespace Telepath.Media.Codecs;

/// <summary>
/// Designs linear-phase low-pass FIR filters by the Kaiser-windowed sinc method.
/// Runs once per resampler construction, never per frame.
/// </summary>
internal static class FirDesign
{
    /// <summary>
    /// Estimates the odd number of taps a Kaiser-window design needs (Kaiser's formula).
    /// </summary>
    /// <param name="stopbandAttenuationDb">Required stopband attenuation in dB.</param>
    /// <param name="transitionWidth">Transition width as a fraction of the sample rate (0..0.5).</param>
    public static int EstimateTaps(double stopbandAttenuationDb, double transitionWidth)
    {
        int taps = (int)Math.Ceiling((stopbandAttenuationDb - 7.95) / (14.36 * transitionWidth)) + 1;
        return taps | 1;
    }

    /// <summary>Gets the Kaiser β that yields <paramref name="stopbandAttenuationDb"/> (Kaiser's empirical fit).</summary>
    public static double KaiserBeta(double stopbandAttenuationDb)
    {
        double a = stopbandAttenuationDb;
        if (a > 50)
        {
            return 0.1102 * (a - 8.7);
        }

        return a >= 21 ? (0.5842 * Math.Pow(a - 21, 0.4)) + (0.07886 * (a - 21)) : 0;
    }

    /// <summary>
    /// Fills <paramref name="taps"/> with a windowed-sinc low-pass of cutoff <paramref name="cutoff"/>
    /// (fraction of the sample rate) whose DC gain is <paramref name="gain"/>.
    /// </summary>
    public static void LowPass(Span<double> taps, double cutoff, double beta, double gain)
    {
        int n = taps.Length;
        double center = (n - 1) / 2.0;
        double denominator = BesselI0(beta);
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double x = i - center;
            double sinc = x == 0 ? 2 * cutoff : Math.Sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
            double r = center == 0 ? 0 : x / center;
            double window = BesselI0(beta * Math.Sqrt(Math.Max(0, 1 - (r * r)))) / denominator;
            taps[i] = sinc * window;
            sum += taps[i];
        }

        // Normalise so the passband gain is exact regardless of truncation.
        double scale = gain / sum;
        for (int i = 0; i < n; i++)
        {
            taps[i] *= scale;
        }
    }

    /// <summary>Zeroth-order modified Bessel function of the first kind, by its power series.</summary>
    private static double BesselI0(double x)
    {
        double sum = 1;
        double term = 1;
        double half = x / 2;
        for (int k = 1; k < 50; k++)
        {
            term *= half / k;
            double squared = term * term;
            sum += squared;
            if (squared < sum * 1e-17)
            {
                break;
            }
        }

        return sum;
    }
}
