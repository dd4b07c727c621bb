using System.Globalization;
using System.Net;

namespace Telepath.Media.Sdp;

/// <summary>
/// Offers for <see cref="CodecNegotiator"/>: when the peer's INVITE or re-INVITE carries no offer, ours goes in the 2xx
/// and the answer comes back in the ACK (RFC 3261 §13.3.1.1, §14.2; RFC 3264 §5, §7).
/// </summary>
public sealed partial class CodecNegotiator
{
    /// <summary>The RFC 4733 payload type of our offers unless an earlier exchange fixed another (a common choice).</summary>
    private const int DefaultTelephoneEventPayloadType = 101;

    /// <summary>RFC 3551 §3: 96–127 is the dynamic payload type range.</summary>
    private const int FirstDynamicPayloadType = 96;

    private const int LastPayloadType = 127;

    /// <summary>
    /// Builds our offer: one RTP/AVP audio stream listing every configured codec in preference order (the codec in
    /// force first, when there is one), telephone-event with its fmtp when enabled, our default ptime and sendrecv.
    /// </summary>
    /// <param name="local">Our media address and RTP port for this call.</param>
    /// <param name="previous">Our last SDP in this dialog (answer or offer); null for the first one. RFC 3264 §8: the
    /// origin session id is kept and the version moves only when the description changes.</param>
    /// <param name="current">The audio in force, for a re-offer: its codec is offered first and its payload types are
    /// kept (RFC 3264 §8.3.2 discourages remapping payload types within a session).</param>
    public SessionDescription Offer(LocalMediaEndpoint local, SessionDescription? previous, NegotiatedAudio? current = null)
    {
        ArgumentNullException.ThrowIfNull(local);
        var used = new HashSet<int>();
        var formats = new List<string>(_options.Codecs.Count + 1);
        var attributes = new List<SdpAttribute>(_options.Codecs.Count + 4);
        int? eventPt = null;
        if (_options.TelephoneEvent)
        {
            eventPt = current?.TelephoneEventPayloadType ?? DefaultTelephoneEventPayloadType;
            used.Add(eventPt.Value);
        }

        if (current is not null && FindConfigured(current.Codec.Name) is { } inForce)
        {
            AddOfferedCodec(inForce, current.Codec.PayloadType, used, formats, attributes);
        }

        foreach (var codec in _options.Codecs)
        {
            if (current is null || !string.Equals(codec.Name, current.Codec.Name, StringComparison.OrdinalIgnoreCase))
            {
                AddOfferedCodec(codec, codec.StaticPayloadType, used, formats, attributes);
            }
        }

        if (eventPt is { } pt)
        {
            AddTelephoneEvent(pt, _options.Codecs[0].ClockRate, formats, attributes);
        }

        attributes.Add(new("ptime", _options.DefaultPtime.ToString(CultureInfo.InvariantCulture)));
        attributes.Add(new(SdpDirection.SendRecv.ToAttributeName()));
        return Describe(local, [new SdpMediaDescription(AudioMedia, local.RtpPort, null, RtpAvp, formats) { Attributes = attributes }], previous);
    }

    /// <summary>
    /// The audio to start with while our offer awaits its answer: the first codec offered, our telephone-event type,
    /// and no remote address yet (<c>0.0.0.0:0</c>; symmetric RTP latches on the first packet).
    /// </summary>
    public NegotiatedAudio ProvisionalAudio(SessionDescription offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var media = offer.Media[0];
        var rtpMaps = CollectRtpMaps(media);
        var codec = new NegotiatedCodec(_options.Codecs[0].Name, _options.Codecs[0].StaticPayloadType ?? FirstDynamicPayloadType, _options.Codecs[0].ClockRate);
        if (media.Formats.Count > 0
            && SdpRtpMap.TryParsePayloadType(media.Formats[0], out var payloadType)
            && rtpMaps.TryGetValue(payloadType, out var rtpMap))
        {
            codec = new NegotiatedCodec(rtpMap.EncodingName, payloadType, rtpMap.ClockRate);
        }

        var nowhere = new IPEndPoint(IPAddress.Any, 0);
        return new NegotiatedAudio(
            0,
            codec,
            FindTelephoneEvent(media, rtpMaps, codec.ClockRate),
            nowhere,
            nowhere,
            media.Ptime ?? _options.DefaultPtime,
            SdpDirection.SendRecv,
            false);
    }

    /// <summary>
    /// Reads the peer's answer to <paramref name="offer"/> (RFC 3264 §7): the answered audio stream must keep its media
    /// type and transport, have a non-zero port and a connection address, and list a codec we offered; the payload
    /// types we send with are the answer's (RFC 3264 §6.1: they name what the answerer expects to receive).
    /// </summary>
    /// <param name="offer">The offer we sent.</param>
    /// <param name="answer">The parsed answer.</param>
    public SdpAnswerResult AcceptAnswer(SessionDescription offer, SessionDescription answer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Media.Count != offer.Media.Count)
        {
            return SdpAnswerResult.Fail(SdpAnswerError.MediaCountMismatch, "The answer does not have one m-line per offered m-line");
        }

        var error = SdpAnswerError.StreamRejected;
        for (var i = 0; i < offer.Media.Count; i++)
        {
            var offered = offer.Media[i];
            if (offered.Port == 0 || !string.Equals(offered.Media, AudioMedia, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var step = TryAcceptAnswered(offered, answer, i, out var audio);
            if (audio is not null)
            {
                return SdpAnswerResult.Success(audio);
            }

            error = step > error ? step : error;
        }

        return SdpAnswerResult.Fail(error, error switch
        {
            SdpAnswerError.IncompatibleStream => "The answer changed the offered media type or transport",
            SdpAnswerError.MissingConnection => "The answered audio stream has no connection address",
            SdpAnswerError.CodecNotOffered => "The answer lists no codec we offered",
            _ => "The answer rejected the audio stream",
        });
    }

    private SdpAnswerError TryAcceptAnswered(SdpMediaDescription offered, SessionDescription answer, int index, out NegotiatedAudio? audio)
    {
        audio = null;
        var media = answer.Media[index];
        if (media.Port == 0)
        {
            return SdpAnswerError.StreamRejected;
        }

        if (!string.Equals(media.Media, offered.Media, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(media.Protocol, offered.Protocol, StringComparison.OrdinalIgnoreCase))
        {
            return SdpAnswerError.IncompatibleStream;
        }

        var connection = answer.GetEffectiveConnection(media);
        if (connection is null)
        {
            return SdpAnswerError.MissingConnection;
        }

        var offeredMaps = CollectRtpMaps(offered);
        var answeredMaps = CollectRtpMaps(media);
        if (!TryChooseAnsweredCodec(offered, offeredMaps, media, answeredMaps, out var codec))
        {
            return SdpAnswerError.CodecNotOffered;
        }

        // Telephone-event counts only if we offered it too.
        var telephoneEvent = FindTelephoneEvent(offered, offeredMaps, codec!.ClockRate) is null
            ? null
            : FindTelephoneEvent(media, answeredMaps, codec.ClockRate);
        // RFC 3264 §6.1: the answer's direction is the answerer's.
        audio = Negotiated(index, codec, telephoneEvent, connection, media, ChoosePtime(answer, media), answer.GetEffectiveDirection(media));
        return SdpAnswerError.None;
    }

    /// <summary>The first answered format (the answerer's preference) naming a codec we offered and support.</summary>
    private bool TryChooseAnsweredCodec(
        SdpMediaDescription offered,
        Dictionary<int, SdpRtpMap> offeredMaps,
        SdpMediaDescription answered,
        Dictionary<int, SdpRtpMap> answeredMaps,
        out NegotiatedCodec? chosen)
    {
        foreach (var format in answered.Formats)
        {
            foreach (var codec in _options.Codecs)
            {
                if (Matches(format, answeredMaps, codec, out var payloadType) && TryFindFormat(offered, offeredMaps, codec, out _))
                {
                    chosen = new NegotiatedCodec(codec.Name, payloadType, codec.ClockRate);
                    return true;
                }
            }
        }

        chosen = null;
        return false;
    }

    /// <summary>Adds a codec with <paramref name="preferred"/> as its payload type, or a free dynamic one when taken or absent.</summary>
    private static void AddOfferedCodec(SdpCodec codec, int? preferred, HashSet<int> used, List<string> formats, List<SdpAttribute> attributes)
    {
        var payloadType = preferred is { } wanted && !used.Contains(wanted) ? wanted : FreeDynamicPayloadType(used);
        if (payloadType < 0)
        {
            return;
        }

        used.Add(payloadType);
        formats.Add(payloadType.ToString(CultureInfo.InvariantCulture));
        attributes.Add(new("rtpmap", new SdpRtpMap(payloadType, codec.Name, codec.ClockRate, codec.Channels == 1 ? null : codec.Channels).ToAttributeValue()));
    }

    private static int FreeDynamicPayloadType(HashSet<int> used)
    {
        for (var candidate = FirstDynamicPayloadType; candidate <= LastPayloadType; candidate++)
        {
            if (!used.Contains(candidate))
            {
                return candidate;
            }
        }

        return -1;
    }
}
