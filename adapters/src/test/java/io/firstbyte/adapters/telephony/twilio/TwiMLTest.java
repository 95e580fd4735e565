package io.firstbyte.adapters.telephony.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The voice webhook's answer, protocols.md 1.1. */
class TwiMLTest {

    private static final String URL = "wss://voice.example.com/twilio/media";

    @Test
    void connectStreamWithParametersIsTheDocumentedShape() {
        String xml = TwiML.connectStream(URL).parameter("From", "+15550001111").parameter("token", "9f2c").toXml();

        assertThat(xml).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Connect>"
                + "<Stream url=\"wss://voice.example.com/twilio/media\">"
                + "<Parameter name=\"From\" value=\"+15550001111\"/><Parameter name=\"token\" value=\"9f2c\"/>"
                + "</Stream></Connect></Response>");
    }

    @Test
    void anActionUrlIsAnAttributeOfConnectSoTwilioAsksItWhenTheStreamEnds() {
        String xml = TwiML.connectStream(URL).action("https://voice.example.com/twilio/after-stream?a=1&b=2").toXml();

        Document twiml = parse(xml);
        Element connect = (Element) twiml.getElementsByTagName("Connect").item(0);
        assertThat(connect.getAttribute("action")).isEqualTo("https://voice.example.com/twilio/after-stream?a=1&b=2");
        assertThat(xml).contains("<Connect action=\"https://voice.example.com/twilio/after-stream?a=1&amp;b=2\"><Stream url=");
        assertThatIllegalArgumentException().isThrownBy(() -> TwiML.connectStream(URL).action("/twilio/after-stream"));
    }

    @Test
    void theActionAnswerDialsTheNumberOrHangsUp() {
        assertThat(TwiML.dial("+15550002222")).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Response><Dial>+15550002222</Dial></Response>");
        assertThat(parse(TwiML.dial("+15550002222")).getElementsByTagName("Dial").item(0).getTextContent()).isEqualTo("+15550002222");
        assertThat(TwiML.hangup()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Hangup/></Response>");
        assertThat(parse(TwiML.hangup()).getElementsByTagName("Hangup").getLength()).isOne();
    }

    @Test
    void onlyAnE164NumberIsDialled() {
        for (String bad : new String[] {"015550002222", "+1555</Dial><Play>x</Play>", "+0123456789", "+1", "sip:a@b"}) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> TwiML.dial(bad));
        }
    }

    @Test
    void statusCallbackIsAnAttributeOfTheStream() {
        Document twiml = parse(TwiML.connectStream(URL).statusCallback("https://voice.example.com/twilio/stream-status?a=1&b=2").toXml());

        assertThat(stream(twiml).getAttribute("statusCallback")).isEqualTo("https://voice.example.com/twilio/stream-status?a=1&b=2");
    }

    @Test
    void hostileParameterValuesParseBackUnchangedAndAddNoElement() {
        String hostile = "\"/></Stream></Connect><Hangup/><Say a='1'>&amp;\t\n\r</Say>";

        Document twiml = parse(TwiML.connectStream(URL).parameter("x\"<>&'", hostile).toXml());

        Element parameter = (Element) twiml.getElementsByTagName("Parameter").item(0);
        assertThat(parameter.getAttribute("name")).isEqualTo("x\"<>&'");
        assertThat(parameter.getAttribute("value")).isEqualTo(hostile);
        assertThat(twiml.getElementsByTagName("Hangup").getLength()).isZero();
        assertThat(twiml.getElementsByTagName("Say").getLength()).isZero();
    }

    @Test
    void charactersXmlCannotHoldAreReplacedNotPassedThrough() {
        Document twiml = parse(TwiML.connectStream(URL).parameter("n", "a\u0000b\uFFFFc\uD800d\uD83D\uDE00").toXml());

        Element parameter = (Element) twiml.getElementsByTagName("Parameter").item(0);
        assertThat(parameter.getAttribute("value")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uD83D\uDE00");
    }

    @Test
    void aCallThatCannotBeTakenHearsTheSentenceThenIsHungUp() {
        Document twiml = parse(TwiML.sayThenHangUp("Sorry & goodbye <now>"));

        Element response = twiml.getDocumentElement();
        assertThat(response.getChildNodes().getLength()).isEqualTo(2);
        assertThat(response.getFirstChild().getNodeName()).isEqualTo("Say");
        assertThat(response.getFirstChild().getTextContent()).isEqualTo("Sorry & goodbye <now>");
        assertThat(response.getLastChild().getNodeName()).isEqualTo("Hangup");
    }

    @Test
    void aRedirectPostsTheWebhookToTheGivenUrl() {
        Document twiml = parse(TwiML.redirect("https://voice.example.com/twilio/voice?tenant=a&firstbyte_redirected=1"));

        Element redirect = (Element) twiml.getElementsByTagName("Redirect").item(0);
        assertThat(redirect.getAttribute("method")).isEqualTo("POST");
        assertThat(redirect.getTextContent()).isEqualTo("https://voice.example.com/twilio/voice?tenant=a&firstbyte_redirected=1");
        assertThatIllegalArgumentException().isThrownBy(() -> TwiML.redirect("/twilio/voice"));
    }

    @Test
    void urlWithQueryStringIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> TwiML.connectStream(URL + "?token=1"))
                .withMessageContaining("query string");
    }

    @Test
    void urlThatIsNotWssIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> TwiML.connectStream("https://voice.example.com/twilio/media"));
    }

    @Test
    void duplicateParameterNameIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> TwiML.connectStream(URL).parameter("a", "1").parameter("a", "2"));
    }

    @Test
    void parameterOverTwiliosLengthLimitIsRejected() {
        TwiML twiml = TwiML.connectStream(URL).parameter("t", "x".repeat(498));

        assertThatIllegalArgumentException().isThrownBy(() -> twiml.parameter("u", "x".repeat(499)));
    }

    private static Document parse(String xml) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception notXml) {
            throw new AssertionError("not well-formed XML: " + xml, notXml);
        }
    }

    private static Element stream(Document twiml) {
        return (Element) twiml.getElementsByTagName("Stream").item(0);
    }
}
