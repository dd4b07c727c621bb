using System.Globalization;

namespace Telepath.Media.Sdp;

/// <summary>Codec, telephone-event and ptime selection for <see cref="CodecNegotiator"/>.</summary>
public sealed partial class CodecNegotiator
{
    private bool TryChooseCodec(
        SdpMediaDescription media,
        Dictionary<int, SdpRtpMap> rtpMaps,
        string? sticky,
        out NegotiatedCodec? chosen)
    {
        // Keep the codec of the previous answer when it is still offered, so a re-INVITE does not switch codecs.
        if (sticky is not null && FindConfigured(sticky) is { } kept && TryFindFormat(media, rtpMaps, kept, out chosen))
        {
            return true;
        }

        if (_options.HonourOffererOrder)
        {
            foreach (var format in media.Formats)
            {
                foreach (var codec in _options.Codecs)
                {
                    if (Matches(format, rtpMaps, codec, out var payloadType))
                    {
                        chosen = new NegotiatedCodec(codec.Name, payloadType, codec.ClockRate);
                        return true;
                    }
                }
            }

            chosen = null;
            return false;
        }

        foreach (var codec in _options.Codecs)
        {
            if (TryFindFormat(media, rtpMaps, codec, out chosen))
            {
                return true;
            }
        }

        chosen = null;
        return false;
    }

    /// <summary>Our configured codec named <paramref name="name"/>, or null.</summary>
    private SdpCodec? FindConfigured(string name)
    {
        foreach (var codec in _options.Codecs)
        {
            if (string.Equals(codec.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return codec;
            }
        }

        return null;
    }

    private static bool TryFindFormat(
        SdpMediaDescription media,
        Dictionary<int, SdpRtpMap> rtpMaps,
        SdpCodec codec,
        out NegotiatedCodec? chosen)
    {
        foreach (var format in media.Formats)
        {
            if (Matches(format, rtpMaps, codec, out var payloadType))
            {
                chosen = new NegotiatedCodec(codec.Name, payloadType, codec.ClockRate);
                return true;
            }
        }

        chosen = null;
        return false;
    }

    /// <summary>
    /// A format matches when its rtpmap names the codec with the same clock rate and channels, or, with no rtpmap,
    /// when it is the codec's RFC 3551 static payload type (RFC 4566 §6 lets static types omit rtpmap).
    /// </summary>
    private static bool Matches(string format, Dictionary<int, SdpRtpMap> rtpMaps, SdpCodec codec, out int payloadType)
    {
        if (!SdpRtpMap.TryParsePayloadType(format, out payloadType))
        {
            return false;
        }

        if (rtpMaps.TryGetValue(payloadType, out var rtpMap))
        {
            return string.Equals(rtpMap.EncodingName, codec.Name, StringComparison.OrdinalIgnoreCase)
                && rtpMap.ClockRate == codec.ClockRate
                && (rtpMap.Channels ?? 1) == codec.Channels;
        }

        return payloadType < 96 && codec.StaticPayloadType == payloadType;
    }

    private static int? FindTelephoneEvent(SdpMediaDescription media, Dictionary<int, SdpRtpMap> rtpMaps, int clockRate)
    {
        foreach (var format in media.Formats)
        {
            // RFC 4733 §2.1: the event clock matches the audio codec's, so pick the entry with our rate.
            if (SdpRtpMap.TryParsePayloadType(format, out var payloadType)
                && rtpMaps.TryGetValue(payloadType, out var rtpMap)
                && string.Equals(rtpMap.EncodingName, SdpCodec.TelephoneEventName, StringComparison.OrdinalIgnoreCase)
                && rtpMap.ClockRate == clockRate)
            {
                return payloadType;
            }
        }

        return null;
    }

    /// <summary>RFC 4566 §6 ptime/maxptime: honour the offered value when we can send it, else our default.</summary>
    private int ChoosePtime(SessionDescription offer, SdpMediaDescription media)
    {
        var offered = media.Ptime ?? ParseSessionInt(offer, "ptime");
        var max = media.MaxPtime ?? ParseSessionInt(offer, "maxptime");
        if (offered is { } wanted && IsSupportedPtime(wanted) && (max is null || wanted <= max))
        {
            return wanted;
        }

        if (max is { } limit && _options.DefaultPtime > limit)
        {
            var best = 0;
            foreach (var candidate in _options.SupportedPtimes)
            {
                if (candidate <= limit && candidate > best)
                {
                    best = candidate;
                }
            }

            return best > 0 ? best : _options.DefaultPtime;
        }

        return _options.DefaultPtime;
    }

    private bool IsSupportedPtime(int ptime)
    {
        foreach (var candidate in _options.SupportedPtimes)
        {
            if (candidate == ptime)
            {
                return true;
            }
        }

        return false;
    }

    private static int? ParseSessionInt(SessionDescription offer, string name)
    {
        foreach (var attribute in offer.Attributes)
        {
            if (attribute.Value is not null
                && string.Equals(attribute.Name, name, StringComparison.OrdinalIgnoreCase)
                && int.TryParse(attribute.Value.AsSpan().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                && value > 0)
            {
                return value;
            }
        }

        return null;
    }

    private static Dictionary<int, SdpRtpMap> CollectRtpMaps(SdpMediaDescription media)
    {
        var rtpMaps = new Dictionary<int, SdpRtpMap>();
        foreach (var attribute in media.Attributes)
        {
            if (attribute.Value is not null
                && string.Equals(attribute.Name, "rtpmap", StringComparison.OrdinalIgnoreCase)
                && SdpRtpMap.TryParse(attribute.Value, out var rtpMap))
            {
                rtpMaps.TryAdd(rtpMap!.PayloadType, rtpMap);
            }
        }

        return rtpMaps;
    }

    private static string? FindAcceptedCodecName(SessionDescription previousAnswer)
    {
        foreach (var media in previousAnswer.Media)
        {
            if (media.Port != 0
                && media.Formats.Count > 0
                && SdpRtpMap.TryParsePayloadType(media.Formats[0], out var payloadType))
            {
                return media.GetRtpMap(payloadType)?.EncodingName;
            }
        }

        return null;
    }
}
