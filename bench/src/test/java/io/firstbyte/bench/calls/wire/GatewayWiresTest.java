package io.firstbyte.bench.calls.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.firstbyte.pipeline.transport.WireMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each gateway's side of the connection, as protocols.md describes it. */
class GatewayWiresTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CallSetup SETUP = new CallSetup("+15550001111", "+15550100100", Map.of("lines", "Hi.|Bye."), "s3cret");
    private static final byte[] FRAME = silence();

    private static WebSocketWire wire(Gateway gateway) {
        return gateway.webSocketWire(SETUP, new SplittableRandom(7));
    }

    @Test
    void telnyxSendsItsTokenHeaderAndNumbersInStartAndReadsMediaMarkClear() {
        WebSocketWire telnyx = wire(Gateway.TELNYX);

        assertThat(telnyx.upgrade().headers()).containsEntry("x-telnyx-streaming-auth-token", "s3cret");
        JsonNode start = json(telnyx.opening().get(1));
        assertThat(start.path("start").path("to").asString()).isEqualTo("+15550100100");
        assertThat(start.path("start").path("call_control_id").asString()).isEqualTo(telnyx.callId());
        assertThat(json(telnyx.audio(FRAME)).path("media").path("chunk").asString()).isEqualTo("1");
        assertThat(telnyx.read(text("{\"event\":\"media\",\"media\":{\"payload\":\"" + b64(FRAME) + "\"}}")))
                .isEqualTo(new ServerMessage.Media(telnyx.streamId(), 160, 0));
        assertThat(telnyx.read(text("{\"event\":\"clear\"}"))).isEqualTo(new ServerMessage.Clear(telnyx.streamId()));
        assertThat(telnyx.cleared(List.of("a", "b"))).hasSize(2);
    }

    @Test
    void plivoCarriesOnlyAlphanumericExtraHeadersAndAnswersCheckpoints() {
        PlivoWire plivo = (PlivoWire) wire(Gateway.PLIVO);

        assertThat(plivo.extraHeaders()).isEqualTo("From=15550001111,To=15550100100,token=s3cret");
        assertThat(json(plivo.markPlayed("seg7").getFirst()).path("event").asString()).isEqualTo("playedStream");
        assertThat(plivo.read(text("{\"event\":\"checkpoint\",\"name\":\"seg7\"}"))).isEqualTo(new ServerMessage.Mark(plivo.streamId(), "seg7"));
        assertThat(plivo.read(text("{\"event\":\"playAudio\",\"media\":{\"contentType\":\"audio/x-mulaw\",\"sampleRate\":8000,"
                + "\"payload\":\"" + b64(FRAME) + "\"}}"))).isEqualTo(new ServerMessage.Media(plivo.streamId(), 160, 0));
    }

    @Test
    void freeSwitchSendsMetadataThenBinaryL16AndReadsStreamAudioFiles() {
        WebSocketWire freeswitch = wire(Gateway.FREESWITCH);

        assertThat(freeswitch.upgrade().headers()).containsEntry("Authorization", "Bearer s3cret");
        assertThat(freeswitch.upgrade().subprotocol()).isNull();
        assertThat(json(freeswitch.opening().getFirst()).path("to").asString()).isEqualTo("+15550100100");
        assertThat(((WireMessage.Binary) freeswitch.audio(FRAME)).bytes()).hasSize(320);
        String file = b64(new byte[3200]);
        assertThat(freeswitch.read(text("{\"type\":\"streamAudio\",\"data\":{\"audioDataType\":\"raw\",\"sampleRate\":8000,"
                + "\"audioData\":\"" + file + "\"}}"))).isEqualTo(new ServerMessage.Media(freeswitch.streamId(), 1600, 0));
        assertThat(freeswitch.read(text("{\"type\":\"killAudio\"}"))).isInstanceOf(ServerMessage.Clear.class);
        assertThat(freeswitch.markPlayed("x")).isEmpty();
    }

    @Test
    void jambonzOffersItsSubprotocolWithBasicAuthAndAnswersMarksPlayedOrCleared() {
        WebSocketWire jambonz = wire(Gateway.JAMBONZ);

        assertThat(jambonz.upgrade().subprotocol()).isEqualTo("audio.jambonz.org");
        assertThat(jambonz.upgrade().headers().get("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("jambonz:s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(json(jambonz.opening().getFirst()).path("callSid").asString()).isEqualTo(jambonz.callId());
        assertThat(jambonz.read(new WireMessage.Binary(new byte[320]))).isEqualTo(new ServerMessage.Media(jambonz.streamId(), 160, 0));
        assertThat(json(jambonz.cleared(List.of("m1")).getFirst()).path("data").path("event").asString()).isEqualTo("cleared");
        assertThat(json(jambonz.markPlayed("m1").getFirst()).path("data").path("event").asString()).isEqualTo("playout");
    }

    @Test
    void vonageSendsHeadersInTheFirstMessageAnd640ByteFramesAt16k() {
        WebSocketWire vonage = wire(Gateway.VONAGE);

        JsonNode connected = json(vonage.opening().getFirst());
        assertThat(connected.path("event").asString()).isEqualTo("websocket:connected");
        assertThat(connected.path("content-type").asString()).isEqualTo("audio/l16;rate=16000");
        assertThat(connected.path("token").asString()).isEqualTo("s3cret");
        assertThat(((WireMessage.Binary) vonage.audio(FRAME)).bytes()).hasSize(640);
        assertThat(vonage.read(new WireMessage.Binary(new byte[640]))).isEqualTo(new ServerMessage.Media(vonage.streamId(), 160, 0));
        assertThat(vonage.read(text("{\"action\":\"notify\",\"payload\":{\"name\":\"n1\"}}")))
                .isEqualTo(new ServerMessage.Mark(vonage.streamId(), "n1"));
        assertThat(json(vonage.cleared(List.of()).getFirst()).path("event").asString()).isEqualTo("websocket:cleared");
    }

    @Test
    void asteriskPutsTheNumbersInTheQueryAndStartsWithMediaStart() {
        WebSocketWire asterisk = wire(Gateway.ASTERISK);

        assertThat(asterisk.upgrade().pathAndQuery())
                .isEqualTo("/audio/asterisk?caller=%2B15550001111&called=%2B15550100100&lines=Hi.%7CBye.");
        assertThat(asterisk.upgrade().subprotocol()).isEqualTo("media");
        JsonNode start = json(asterisk.opening().getFirst());
        assertThat(start.path("event").asString()).isEqualTo("MEDIA_START");
        assertThat(start.path("channel_id").asString()).isEqualTo(asterisk.callId());
        assertThat(((WireMessage.Binary) asterisk.audio(FRAME)).bytes()).isEqualTo(FRAME);
        assertThat(asterisk.read(text("{\"command\":\"MARK_MEDIA\",\"correlation_id\":\"c1\"}")))
                .isEqualTo(new ServerMessage.Mark(asterisk.streamId(), "c1"));
        assertThat(asterisk.read(text("{\"command\":\"FLUSH_MEDIA\"}"))).isInstanceOf(ServerMessage.Clear.class);
        assertThat(asterisk.read(text("{\"command\":\"HANGUP\"}"))).isInstanceOf(ServerMessage.Ignored.class);
    }

    @Test
    void audioSocketRegistersTheCallThenSendsItsUuidSlinFramesAndAHangUp() {
        AudioSocketWire audioSocket = (AudioSocketWire) Gateway.AUDIOSOCKET.wire(SETUP, new SplittableRandom(7));
        UUID uuid = UUID.fromString(audioSocket.callId());

        assertThat(audioSocket.registration().form()).containsExactly(Map.entry("uuid", uuid.toString()),
                Map.entry("from", "+15550001111"), Map.entry("to", "+15550100100"), Map.entry("lines", "Hi.|Bye."));
        assertThat(audioSocket.registration().headers()).containsEntry("Authorization",
                "Basic " + Base64.getEncoder().encodeToString("asterisk:s3cret".getBytes(StandardCharsets.US_ASCII)));
        byte[] opening = ((WireMessage.Binary) audioSocket.opening().getFirst()).bytes();
        assertThat(Arrays.copyOf(opening, 3)).containsExactly(0x01, 0x00, 0x10);
        ByteBuffer id = ByteBuffer.wrap(opening, 3, 16);
        assertThat(new UUID(id.getLong(), id.getLong())).isEqualTo(uuid);
        byte[] audio = ((WireMessage.Binary) audioSocket.audio(FRAME)).bytes();
        assertThat(audio).hasSize(3 + 320).startsWith(0x10, 0x01, 0x40);
        assertThat(((WireMessage.Binary) audioSocket.hangUp().getFirst()).bytes()).containsExactly(0x00, 0x00, 0x00);
        assertThat(audioSocket.markPlayed("m1")).isEmpty();
        assertThat(audioSocket.clearsByStopping()).isTrue();
        assertThat(wire(Gateway.ASTERISK).clearsByStopping()).isFalse();
    }

    @Test
    void audioSocketReadsSlinAsPlayingTimeAndRejectsWhatTheServerNeverSends() {
        AudioSocketWire audioSocket = (AudioSocketWire) Gateway.AUDIOSOCKET.wire(SETUP, new SplittableRandom(7));
        byte[] slin = new byte[3 + 320];
        slin[0] = 0x10;
        slin[1] = 0x01;
        slin[2] = 0x40;
        slin[4] = 0x20;

        assertThat(audioSocket.read(new WireMessage.Binary(slin))).isEqualTo(new ServerMessage.Media(audioSocket.streamId(), 160, 0x2000));
        assertThat(audioSocket.read(new WireMessage.Binary(new byte[] {0x00, 0x00, 0x00}))).isInstanceOf(ServerMessage.Ignored.class);
        assertThat(audioSocket.read(new WireMessage.Binary(new byte[] {0x10, 0x00, 0x04, 1, 2}))).isInstanceOf(ServerMessage.Invalid.class);
        assertThat(audioSocket.read(new WireMessage.Binary(new byte[] {0x10, 0x00, 0x01, 1}))).isInstanceOf(ServerMessage.Invalid.class);
        assertThat(audioSocket.read(new WireMessage.Binary(new byte[] {(byte) 0xff, 0x00, 0x01, 1}))).isInstanceOf(ServerMessage.Invalid.class);
        assertThat(audioSocket.read(text("{}"))).isInstanceOf(ServerMessage.Invalid.class);
    }

    @Test
    void onlyAudioSocketIsNotAWebSocketGateway() {
        assertThat(Arrays.stream(Gateway.values()).filter(gateway -> !gateway.overWebSocket())).containsExactly(Gateway.AUDIOSOCKET);
        assertThat(Gateway.named("AudioSocket")).isEqualTo(Gateway.AUDIOSOCKET);
        assertThatThrownBy(() -> wire(Gateway.AUDIOSOCKET)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theServersAudioIsMeasuredInPlayingTimeAndLoudness() {
        byte[] loud = new byte[640];
        loud[1] = 0x40;
        assertThat(wire(Gateway.VONAGE).read(new WireMessage.Binary(loud))).extracting(m -> ((ServerMessage.Media) m).peak())
                .isEqualTo(0x4000);
        assertThat(wire(Gateway.JAMBONZ).read(text("{\"type\":\"warp\"}"))).isInstanceOf(ServerMessage.Invalid.class);
    }

    private static JsonNode json(WireMessage message) {
        return JSON.readTree(((WireMessage.Text) message).text());
    }

    private static WireMessage text(String json) {
        return new WireMessage.Text(json);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] silence() {
        byte[] frame = new byte[160];
        Arrays.fill(frame, (byte) 0xFF);
        return frame;
    }
}
