using System.Globalization;
using System.Net;

namespace Telepath.Media.Sdp;

/// <summary>
/// Answers an SDP offer as a UAS (RFC 3264 §6). Accepts the first active RTP/AVP audio stream that shares a codec with
/// us, rejects every other stream with port 0 while keeping the m-line count and order, and mirrors the direction.
/// Stateless: pass the previous answer for re-offers so the origin session id is kept and the version only moves when
/// the answer changes (RFC 3264 §8). When the peer makes no offer, <see cref="Offer"/> builds ours and
/// <see cref="AcceptAnswer"/> reads the answer that comes back.
/// </summary>
public sealed partial class CodecNegotiator
{
    private const string AudioMedia = "audio";
    private const string RtpAvp = "RTP/AVP";

    private readonly CodecNegotiatorOptions _options;

    /// <summary>Creates a negotiator for the given local capabilities.</summary>
    public CodecNegotiator(CodecNegotiatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Codecs.Count == 0)
        {
            throw new ArgumentException("At least one codec must be configured.", nameof(options));
        }

        _options = options;
    }

    /// <summary>Builds the answer to <paramref name="offer"/>, or a failure the caller turns into 488.</summary>
    /// <param name="offer">The parsed remote offer.</param>
    /// <param name="local">Our media address and RTP port for this call.</param>
    /// <param name="previousAnswer">Our last SDP in this dialog (answer or offer), for re-offers; null for the first one.</param>
    /// <param name="currentCodec">The codec in force, kept when still offered; by default the one our previous answer
    /// accepted. Pass it when our last SDP was an offer, whose first codec need not be the one the peer chose.</param>
    public SdpNegotiationResult Answer(
        SessionDescription offer,
        LocalMediaEndpoint local,
        SessionDescription? previousAnswer = null,
        string? currentCodec = null)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(local);
        var sticky = currentCodec ?? (previousAnswer is null ? null : FindAcceptedCodecName(previousAnswer));
        var answerMedia = new SdpMediaDescription[offer.Media.Count];
        NegotiatedAudio? audio = null;
        var failure = SdpNegotiationFailureReason.NoAudioStream;
        for (var i = 0; i < offer.Media.Count; i++)
        {
            var media = offer.Media[i];
            if (audio is null && TryAccept(offer, media, i, local, sticky, ref failure, out var accepted, out var answer))
            {
                audio = accepted;
                answerMedia[i] = answer!;
            }
            else
            {
                answerMedia[i] = Reject(media);
            }
        }

        if (audio is null)
        {
            return failure switch
            {
                SdpNegotiationFailureReason.IncompatibleTransport =>
                    SdpNegotiationResult.Fail(failure, 302, "Incompatible transport protocol: only RTP/AVP is supported"),
                SdpNegotiationFailureReason.NoCommonCodec =>
                    SdpNegotiationResult.Fail(failure, 305, "Incompatible media format: " + DescribeCodecs()),
                SdpNegotiationFailureReason.MissingConnection =>
                    SdpNegotiationResult.Fail(failure, 399, "Audio stream has no connection address"),
                _ => SdpNegotiationResult.Fail(failure, 304, "Media type not available: an audio stream is required"),
            };
        }

        return SdpNegotiationResult.Success(Describe(local, answerMedia, previousAnswer), audio);
    }

    /// <summary>Our session description around <paramref name="media"/>, its origin kept or moved after <paramref name="previous"/> (RFC 3264 §8).</summary>
    private SessionDescription Describe(LocalMediaEndpoint local, IReadOnlyList<SdpMediaDescription> media, SessionDescription? previous)
    {
        var description = new SessionDescription(CreateOrigin(local.Address, "0", 0), _options.SessionName)
        {
            Connection = new SdpConnection(local.Address),
            Timings = [SdpTiming.Unbounded],
            Media = media,
        };
        return StampOrigin(description, local.Address, previous);
    }

    private bool TryAccept(
        SessionDescription offer,
        SdpMediaDescription media,
        int index,
        LocalMediaEndpoint local,
        string? sticky,
        ref SdpNegotiationFailureReason failure,
        out NegotiatedAudio? audio,
        out SdpMediaDescription? answer)
    {
        audio = null;
        answer = null;
        if (!string.Equals(media.Media, AudioMedia, StringComparison.OrdinalIgnoreCase) || media.Port == 0)
        {
            return false;
        }

        if (!string.Equals(media.Protocol, RtpAvp, StringComparison.OrdinalIgnoreCase))
        {
            failure = Worse(failure, SdpNegotiationFailureReason.IncompatibleTransport);
            return false;
        }

        var connection = offer.GetEffectiveConnection(media);
        if (connection is null)
        {
            failure = Worse(failure, SdpNegotiationFailureReason.MissingConnection);
            return false;
        }

        var rtpMaps = CollectRtpMaps(media);
        if (!TryChooseCodec(media, rtpMaps, sticky, out var codec))
        {
            failure = Worse(failure, SdpNegotiationFailureReason.NoCommonCodec);
            return false;
        }

        var telephoneEvent = _options.TelephoneEvent ? FindTelephoneEvent(media, rtpMaps, codec!.ClockRate) : null;
        audio = Negotiated(index, codec!, telephoneEvent, connection, media, ChoosePtime(offer, media), offer.GetEffectiveDirection(media));
        answer = BuildAcceptedMedia(media, local, audio);
        return true;
    }

    /// <summary>
    /// The audio agreed on the peer's stream <paramref name="media"/>, whichever side offered: we mirror the peer's
    /// direction, and RFC 3264 §8.4's <c>c=0.0.0.0</c> (RFC 2543 hold) means "send me nothing", so we drop our
    /// sending half; RTCP goes to RFC 3605 <c>a=rtcp</c>, else the RTP port + 1.
    /// </summary>
    private static NegotiatedAudio Negotiated(
        int index, NegotiatedCodec codec, int? telephoneEvent, SdpConnection connection, SdpMediaDescription media, int ptime, SdpDirection peerDirection)
    {
        var direction = connection.IsHoldAddress ? peerDirection.Mirror().WithoutSend() : peerDirection.Mirror();
        var rtcpPort = media.RtcpPort ?? Math.Min(media.Port + 1, 65535);
        return new NegotiatedAudio(
            index,
            codec,
            telephoneEvent,
            new IPEndPoint(connection.Address, media.Port),
            new IPEndPoint(connection.Address, rtcpPort),
            ptime,
            direction,
            connection.IsHoldAddress || !peerDirection.CanReceive());
    }

    private SdpMediaDescription BuildAcceptedMedia(SdpMediaDescription media, LocalMediaEndpoint local, NegotiatedAudio audio)
    {
        var codec = audio.Codec;
        var formats = new List<string>(2) { codec.PayloadType.ToString(CultureInfo.InvariantCulture) };
        var attributes = new List<SdpAttribute>(5)
        {
            new("rtpmap", new SdpRtpMap(codec.PayloadType, codec.Name, codec.ClockRate).ToAttributeValue()),
        };
        if (audio.TelephoneEventPayloadType is { } eventPt)
        {
            AddTelephoneEvent(eventPt, codec.ClockRate, formats, attributes);
        }

        attributes.Add(new("ptime", audio.Ptime.ToString(CultureInfo.InvariantCulture)));
        attributes.Add(new(audio.Direction.ToAttributeName()));
        return new SdpMediaDescription(media.Media, local.RtpPort, null, media.Protocol, formats)
        {
            Attributes = attributes,
        };
    }

    /// <summary>
    /// Lists telephone-event at <paramref name="payloadType"/> with the audio's clock (RFC 4733 §2.4.1: without fmtp only
    /// events 0-15 are implied; we state the events we handle explicitly).
    /// </summary>
    private void AddTelephoneEvent(int payloadType, int clockRate, List<string> formats, List<SdpAttribute> attributes)
    {
        var text = payloadType.ToString(CultureInfo.InvariantCulture);
        formats.Add(text);
        attributes.Add(new("rtpmap", new SdpRtpMap(payloadType, SdpCodec.TelephoneEventName, clockRate).ToAttributeValue()));
        attributes.Add(new("fmtp", text + " " + _options.TelephoneEventEvents));
    }

    /// <summary>RFC 3264 §6: a rejected stream keeps its m-line with port 0; at least one format must remain.</summary>
    private static SdpMediaDescription Reject(SdpMediaDescription media) =>
        new(media.Media, 0, null, media.Protocol, media.Formats.Count > 0 ? media.Formats : ["0"]);

    /// <summary>Orders failures so the most specific one is reported when several streams fail differently.</summary>
    private static SdpNegotiationFailureReason Worse(SdpNegotiationFailureReason current, SdpNegotiationFailureReason candidate) =>
        candidate > current ? candidate : current;

    private string DescribeCodecs()
    {
        var names = new string[_options.Codecs.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = _options.Codecs[i].Name;
        }

        return "supported codecs are " + string.Join(", ", names);
    }
}
