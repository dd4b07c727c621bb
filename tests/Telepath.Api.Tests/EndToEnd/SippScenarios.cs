namespace Telepath.Api.Tests.EndToEnd;

/// <summary>
/// SIPp scenarios for the end-to-end tests, written by us: a carrier's INVITE with digest authentication (challenge,
/// then the same INVITE with credentials), and either an answered call the caller hangs up or one refused with a
/// given final status. The caller offers PCMU and PCMA, or only G.729 for the codec-mismatch case.
/// </summary>
internal static class SippScenarios
{
    private const string G711 = "m=audio [media_port] RTP/AVP 0 8\n      a=rtpmap:0 PCMU/8000\n      a=rtpmap:8 PCMA/8000";
    private const string G729Only = "m=audio [media_port] RTP/AVP 18\n      a=rtpmap:18 G729/8000";

    /// <summary>Answered, held for <paramref name="holdMilliseconds"/>, then BYE from the caller.</summary>
    public static string Answered(int holdMilliseconds) => Document(
        "answered call with caller BYE",
        Invite(1, G711, authenticated: false) + """
          <recv response="100" optional="true" />
          <recv response="401" auth="true" />
        """ + Ack(1, "[branch-3]", "[last_To:]") + Invite(2, G711, authenticated: true) + """
          <recv response="100" optional="true" />
          <recv response="180" optional="true" />
          <recv response="200" />
        """ + Ack(2, "[branch]", "To: <sip:[called]@[remote_ip]:[remote_port]>[peer_tag_param]") + $"""
          <pause milliseconds="{holdMilliseconds}" />
          <send retrans="500">
            <![CDATA[
              BYE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
              From: <sip:+15550199@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
              To: <sip:[called]@[remote_ip]:[remote_port]>[peer_tag_param]
              Call-ID: [call_id]
              CSeq: 3 BYE
              Max-Forwards: 70
              Content-Length: 0

            ]]>
          </send>
          <recv response="200" />
        """);

    /// <summary>Challenged, then refused with <paramref name="status"/> after the authenticated INVITE.</summary>
    public static string Refused(int status, bool offerOnlyG729 = false)
    {
        var media = offerOnlyG729 ? G729Only : G711;
        return Document(
            $"refused with {status}",
            Invite(1, media, authenticated: false) + """
              <recv response="100" optional="true" />
              <recv response="401" auth="true" />
            """ + Ack(1, "[branch-3]", "[last_To:]") + Invite(2, media, authenticated: true) + $"""
              <recv response="100" optional="true" />
              <recv response="180" optional="true" />
              <recv response="{status}" />
            """ + Ack(2, "[branch-3]", "[last_To:]"));
    }

    private static string Document(string name, string body) => $"""
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <!DOCTYPE scenario SYSTEM "sipp.dtd">
        <scenario name="Telepath end to end: {name}">
        {body}
        </scenario>
        """;

    private static string Invite(int cseq, string media, bool authenticated) => $"""
          <send retrans="500">
            <![CDATA[
              INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch];rport
              From: <sip:+15550199@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
              To: <sip:[called]@[remote_ip]:[remote_port]>
              Call-ID: [call_id]
              CSeq: {cseq} INVITE
              Contact: <sip:sipp@[local_ip]:[local_port];transport=[transport]>
              Max-Forwards: 70
              User-Agent: SIPp end-to-end{(authenticated ? "\n[authentication]" : "")}
              Content-Type: application/sdp
              Content-Length: [len]

              v=0
              o=sipp 1 1 IN IP[local_ip_type] [local_ip]
              s=-
              c=IN IP[media_ip_type] [media_ip]
              t=0 0
              {media}
              a=sendrecv
            ]]>
          </send>

        """;

    private static string Ack(int cseq, string branch, string to) => $"""
          <send>
            <![CDATA[
              ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch={branch};rport
              From: <sip:+15550199@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
              {to}
              Call-ID: [call_id]
              CSeq: {cseq} ACK
              Max-Forwards: 70
              Content-Length: 0

            ]]>
          </send>

        """;
}
