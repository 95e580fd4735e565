package io.firstbyte.bench.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import io.firstbyte.bench.calls.caller.Pauses;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallsCommandLineTest {

    @Test
    void defaultsCallTheLocalServerOnceWithTheTypicalCloudProfileAndTheDemoTenant() {
        CallsOptions options = CallsCommandLine.parse().orElseThrow();

        assertThat(options.mediaUrl()).isEqualTo(URI.create("ws://localhost:8080/twilio/media"));
        assertThat(options.calls()).isEqualTo(1);
        assertThat(options.profile()).isEqualTo("typical-cloud");
        assertThat(options.to()).isEqualTo("+15550100100");
        assertThat(options.bargeInTurn()).isEqualTo(3);
        assertThat(options.json()).isEqualTo(Path.of("bench-results/calls-1.json"));
        assertThat(options.thresholds().maxOverheadP99Ms()).isNull();
    }

    @Test
    void readsTheDocumentedCommand() {
        CallsOptions options = CallsCommandLine.parse("--url", "ws://localhost:8080", "--calls", "50", "--ramp", "10s",
                "--profile", "fast", "--json", "out.json", "--max-overhead-p99-ms", "10", "--max-underruns", "0")
                .orElseThrow();

        assertThat(options.calls()).isEqualTo(50);
        assertThat(options.ramp()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.profile()).isEqualTo("fast");
        assertThat(options.json()).isEqualTo(Path.of("out.json"));
        assertThat(options.thresholds().maxOverheadP99Ms()).isEqualTo(10.0);
        assertThat(options.thresholds().maxUnderruns()).isZero();
    }

    @Test
    void aUrlWithItsOwnPathIsKeptAndTheTraceGoesToTheSameHostOverHttp() {
        CallsOptions options = CallsCommandLine.parse("--url", "wss://voice.example.com:8443/custom/media").orElseThrow();

        assertThat(options.mediaUrl()).isEqualTo(URI.create("wss://voice.example.com:8443/custom/media"));
        assertThat(options.httpBase()).isEqualTo(URI.create("https://voice.example.com:8443"));
    }

    @Test
    void midSentencePausesAreOneLengthOrARange() {
        assertThat(CallsCommandLine.parse().orElseThrow().pauses()).isEqualTo(Pauses.DEFAULT);
        assertThat(CallsCommandLine.parse("--pauses", "550ms").orElseThrow().pauses())
                .isEqualTo(new Pauses(Duration.ofMillis(550), Duration.ofMillis(550)));
        assertThat(CallsCommandLine.parse("--pauses", "400ms-700ms").orElseThrow().pauses())
                .isEqualTo(new Pauses(Duration.ofMillis(400), Duration.ofMillis(700)));
        assertThatThrownBy(() -> CallsCommandLine.parse("--pauses", "700ms-400ms")).hasMessageContaining("pause");
        assertThatThrownBy(() -> CallsCommandLine.parse("--pauses", "10ms")).hasMessageContaining("pause");
    }

    @Test
    void wordGapsAreOffUnlessGiven() {
        assertThat(CallsCommandLine.parse().orElseThrow().wordGaps()).isNull();
        assertThat(CallsCommandLine.parse("--word-gaps", "20ms-60ms").orElseThrow().wordGaps())
                .isEqualTo(new Pauses(Duration.ofMillis(20), Duration.ofMillis(60)));
        assertThatThrownBy(() -> CallsCommandLine.parse("--word-gaps", "5ms")).hasMessageContaining("pause");
    }

    @Test
    void durationsTakeMillisecondsSecondsMinutesOrBareSeconds() {
        assertThat(CallsCommandLine.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(CallsCommandLine.duration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(CallsCommandLine.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(CallsCommandLine.duration("3")).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void helpGivesNoOptions() {
        assertThat(CallsCommandLine.parse("--calls", "5", "--help")).isEmpty();
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        assertThatThrownBy(() -> CallsCommandLine.parse("--calls", "many")).hasMessageContaining("--calls");
        assertThatThrownBy(() -> CallsCommandLine.parse("--call", "5")).hasMessageContaining("--call");
        assertThatThrownBy(() -> CallsCommandLine.parse("--url", "http://localhost:8080")).hasMessageContaining("ws://");
        assertThatThrownBy(() -> CallsCommandLine.parse("--ramp", "soon")).hasMessageContaining("duration");
        assertThatThrownBy(() -> CallsCommandLine.parse("--calls")).hasMessageContaining("missing value");
    }

    @Test
    void aDialectDialsItsOwnPathAndTwilioIsTheDefault() {
        CallsOptions vonage = CallsCommandLine.parse("--dialect", "vonage", "--secret", "s3cret").orElseThrow();

        assertThat(vonage.gateway()).isEqualTo(io.firstbyte.bench.calls.wire.Gateway.VONAGE);
        assertThat(vonage.mediaUrl()).isEqualTo(URI.create("ws://localhost:8080/audio/vonage"));
        assertThat(vonage.secret()).isEqualTo("s3cret");
        assertThat(CallsCommandLine.parse().orElseThrow().gateway()).isEqualTo(io.firstbyte.bench.calls.wire.Gateway.TWILIO);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CallsCommandLine.parse("--dialect", "sip"))
                .hasMessageContaining("unknown dialect sip");
    }

    @Test
    void audioSocketConnectsOverTcpToTheUrlsHostAndRegistersOverItsHttpBase() {
        CallsOptions audioSocket = CallsCommandLine.parse("--dialect", "audiosocket", "--url", "ws://10.0.0.7:18080",
                "--audiosocket-port", "19092").orElseThrow();

        assertThat(audioSocket.target()).isEqualTo(URI.create("tcp://10.0.0.7:19092"));
        assertThat(audioSocket.httpBase()).isEqualTo(URI.create("http://10.0.0.7:18080"));
        assertThat(CallsCommandLine.parse("--dialect", "audiosocket").orElseThrow().target())
                .isEqualTo(URI.create("tcp://localhost:9092"));
        assertThatThrownBy(() -> CallsCommandLine.parse("--audiosocket-port", "70000")).hasMessageContaining("--audiosocket-port");
    }

    @Test
    void backgroundNoiseIsOffByDefaultAndNoiseDbfsPutsPinkNoiseUnderTheCaller() {
        assertThat(CallsCommandLine.parse().orElseThrow().noise().silent()).isTrue();
        assertThat(CallsCommandLine.parse("--noise-dbfs", "-30").orElseThrow().noise().dbfs()).isEqualTo(-30.0);
        assertThatThrownBy(() -> CallsCommandLine.parse("--noise-dbfs", "0")).hasMessageContaining("--noise-dbfs");
        assertThatThrownBy(() -> CallsCommandLine.parse("--noise-dbfs", "loud")).hasMessageContaining("--noise-dbfs");
    }
}
