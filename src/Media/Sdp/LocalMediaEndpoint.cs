using System.Net;

namespace Telepath.Media.Sdp;

/// <summary>Where this side receives RTP for a call: the address written in our <c>c=</c> and the port in <c>m=</c>.</summary>
/// <param name="Address">Local media address as the peer should reach it.</param>
/// <param name="RtpPort">Local RTP port; RTCP is on the next port.</param>
public sealed record LocalMediaEndpoint(IPAddress Address, int RtpPort);
