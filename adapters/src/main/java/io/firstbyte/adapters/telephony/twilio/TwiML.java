package io.firstbyte.adapters.telephony.twilio;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The TwiML that answers the voice webhook (protocols.md 1.1): one bidirectional
 * {@code <Connect><Stream>} with its {@code <Parameter>}s. Nothing follows {@code </Connect>},
 * so closing the media socket hangs up. Every attribute value is XML-escaped.
 *
 * <pre>{@code
 * String xml = TwiML.connectStream("wss://voice.example.com/twilio/media")
 *         .parameter("token", oneTimeToken)
 *         .toXml();
 * }</pre>
 */
public final class TwiML {

    /** Twilio's limit for one parameter's name plus value [1 source]; longer pairs fail late, on the call. */
    static final int MAX_PARAMETER_CHARS = 500;

    private final String url;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private @Nullable String statusCallback;

    private TwiML(String url) {
        this.url = url;
    }

    /** Starts a {@code <Connect><Stream>} to an absolute {@code wss://} URL without query string. */
    public static TwiML connectStream(String url) {
        if (!url.regionMatches(true, 0, "wss://", 0, 6)) {
            throw new IllegalArgumentException("the stream url must start with wss://");
        }
        if (url.indexOf('?') >= 0 || url.indexOf('#') >= 0) {
            throw new IllegalArgumentException("the stream url must have no query string (Twilio error 31920); use parameters");
        }
        return new TwiML(url);
    }

    /**
     * TwiML for a call this server cannot take: Twilio says {@code sentence} to the caller, then
     * hangs up.
     */
    public static String sayThenHangUp(String sentence) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say>" + XmlAttribute.escape(sentence)
                + "</Say><Hangup/></Response>";
    }

    /**
     * TwiML that sends the call's webhook again, to the absolute {@code url} (POST, with the same
     * call parameters): behind a load balancer, another instance may take the call.
     */
    public static String redirect(String url) {
        if (!url.regionMatches(true, 0, "https://", 0, 8) && !url.regionMatches(true, 0, "http://", 0, 7)) {
            throw new IllegalArgumentException("a redirect goes to an absolute http(s) URL");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Redirect method=\"POST\">" + XmlAttribute.escape(url)
                + "</Redirect></Response>";
    }

    /** Where Twilio posts {@code stream-started}, {@code stream-stopped} and {@code stream-error}. */
    public TwiML statusCallback(String callbackUrl) {
        this.statusCallback = callbackUrl;
        return this;
    }

    /** A value that arrives verbatim in {@code start.customParameters}. */
    public TwiML parameter(String name, String value) {
        if (name.isEmpty() || parameters.containsKey(name)) {
            throw new IllegalArgumentException("parameter names must be non-empty and unique: " + name);
        }
        if (name.length() + value.length() >= MAX_PARAMETER_CHARS) {
            throw new IllegalArgumentException("parameter " + name + " is too long for Twilio (name + value < 500 chars)");
        }
        parameters.put(name, value);
        return this;
    }

    public String toXml() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .append("<Response><Connect><Stream url=\"").append(XmlAttribute.escape(url)).append('"');
        if (statusCallback != null) {
            xml.append(" statusCallback=\"").append(XmlAttribute.escape(statusCallback)).append('"');
        }
        xml.append('>');
        parameters.forEach((name, value) -> xml
                .append("<Parameter name=\"").append(XmlAttribute.escape(name))
                .append("\" value=\"").append(XmlAttribute.escape(value)).append("\"/>"));
        return xml.append("</Stream></Connect></Response>").toString();
    }
}
