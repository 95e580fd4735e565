package io.firstbyte.adapters.telephony.twilio;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The TwiML that answers the voice webhook (protocols.md 1.1): one bidirectional
 * {@code <Connect><Stream>} with its {@code <Parameter>}s. Nothing follows {@code </Connect>}:
 * closing the media socket hangs up, or, with an {@link #action} URL, makes Twilio ask that URL
 * what to do next, which {@link #dial} (hand the caller over) or {@link #hangup} answers (protocols.md
 * 1.7). Every attribute value is XML-escaped.
 *
 * <pre>{@code
 * String xml = TwiML.connectStream("wss://voice.example.com/twilio/media")
 *         .action("https://voice.example.com/twilio/after-stream")
 *         .parameter("token", oneTimeToken)
 *         .toXml();
 * }</pre>
 */
public final class TwiML {

    /** Twilio's limit for one parameter's name plus value [1 source]; longer pairs fail late, on the call. */
    static final int MAX_PARAMETER_CHARS = 500;
    private static final String PROLOGUE = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final String url;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private @Nullable String statusCallback;
    private @Nullable String action;

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

    /**
     * Where Twilio asks (POST, signed like the voice webhook) what to do once the stream has ended,
     * instead of ending the call: an absolute {@code http(s)://} URL.
     */
    public TwiML action(String actionUrl) {
        if (!actionUrl.regionMatches(true, 0, "https://", 0, 8) && !actionUrl.regionMatches(true, 0, "http://", 0, 7)) {
            throw new IllegalArgumentException("the action url must be an absolute http(s) url");
        }
        this.action = actionUrl;
        return this;
    }

    /** The answer to the action URL that connects the caller to {@code e164} ({@code <Dial>}). */
    public static String dial(String e164) {
        if (!E164.matcher(e164).matches()) {
            throw new IllegalArgumentException("a number to dial must be E.164 (+ and 7 to 15 digits)");
        }
        return PROLOGUE + "<Response><Dial>" + e164 + "</Dial></Response>";
    }

    /** The answer to the action URL that ends the call. */
    public static String hangup() {
        return PROLOGUE + "<Response><Hangup/></Response>";
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
        StringBuilder xml = new StringBuilder(PROLOGUE).append("<Response><Connect");
        if (action != null) {
            xml.append(" action=\"").append(XmlAttribute.escape(action)).append('"');
        }
        xml.append("><Stream url=\"").append(XmlAttribute.escape(url)).append('"');
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
