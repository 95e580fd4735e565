package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

class MediaDialectsTest {

    private static WebSocketSession sessionAt(String uri) {
        HandshakeInfo info = new HandshakeInfo(URI.create(uri), new HttpHeaders(), Mono.empty(), null);
        return (WebSocketSession) java.lang.reflect.Proxy.newProxyInstance(MediaDialectsTest.class.getClassLoader(),
                new Class<?>[] {WebSocketSession.class},
                (proxy, method, args) -> method.getName().equals("getHandshakeInfo") ? info : null);
    }

    @Test
    void queryParametersAreDecodedAndTheFirstValueWins() {
        assertThat(MediaDialects.query(sessionAt("ws://x/audio/asterisk?caller=%2B15550001111&called=%2B15550100100&caller=x")))
                .containsEntry("caller", "+15550001111").containsEntry("called", "+15550100100").hasSize(2);
    }

    @Test
    void everyWebSocketDialectHasAPathName() {
        assertThat(MediaDialects.all(io.firstbyte.adapters.telephony.freeswitch.FreeSwitchPlayback.STREAM_AUDIO_FILES)).extracting(MediaDialects.MediaDialect::name)
                .isEqualTo(List.of("telnyx", "plivo", "freeswitch", "jambonz", "vonage", "asterisk"));
    }

    @Test
    void freeSwitchPlaysFilesTheAudioForkWayWhenTheModuleOffersASubprotocol() {
        assertThat(MediaDialects.freeSwitchSettings(null, io.firstbyte.adapters.telephony.freeswitch.FreeSwitchPlayback.RAW_BINARY).playback())
                .isEqualTo(io.firstbyte.adapters.telephony.freeswitch.FreeSwitchPlayback.RAW_BINARY);
        assertThat(MediaDialects.freeSwitchSettings("audio.drachtio.org",
                io.firstbyte.adapters.telephony.freeswitch.FreeSwitchPlayback.STREAM_AUDIO_FILES).playback())
                .isEqualTo(io.firstbyte.adapters.telephony.freeswitch.FreeSwitchPlayback.AUDIO_FORK_FILES);
        assertThat(MediaDialects.all(io.firstbyte.adapters.telephony.freeswitch.FreeSwitchPlayback.STREAM_AUDIO_FILES)).filteredOn(dialect -> dialect.name().equals("freeswitch")).singleElement()
                .extracting(MediaDialects.MediaDialect::subProtocols).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .contains("audio.drachtio.org", "audio.jambonz.org");
    }
}
