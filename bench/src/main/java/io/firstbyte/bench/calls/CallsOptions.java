package io.firstbyte.bench.calls;

import io.firstbyte.bench.calls.wire.Gateway;
import io.firstbyte.bench.calls.caller.BackgroundNoise;
import io.firstbyte.bench.calls.caller.Backchannels;
import io.firstbyte.bench.calls.caller.CallerTiming;
import io.firstbyte.bench.calls.caller.Pauses;
import io.firstbyte.bench.calls.report.Thresholds;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The {@code calls} command's settings; see {@link CallsCommandLine} for their flags and defaults. */
public record CallsOptions(Gateway gateway, String secret, URI mediaUrl, int audioSocketPort, int calls, Duration ramp, Duration duration,
                           String profile, @Nullable String jitter, String from, String to, @Nullable Path turnsFile, int bargeInTurn, CallerTiming timing,
                           Duration callTimeout, Path json, Thresholds thresholds, @Nullable Double noiseDbfs,
                           Backchannels backchannels, Pauses pauses, @Nullable Pauses wordGaps) {

    /** The caller's background noise: pink noise at {@code noiseDbfs}, or none. */
    public BackgroundNoise noise() {
        return noiseDbfs == null ? BackgroundNoise.NONE : BackgroundNoise.pink(noiseDbfs);
    }

    /** Where the calls connect: the media URL, or for AudioSocket {@code tcp://host:port} of its listener. */
    public URI target() {
        return gateway.overWebSocket() ? mediaUrl : URI.create("tcp://" + mediaUrl.getHost() + ":" + audioSocketPort);
    }

    /**
     * The server's HTTP base (same host and port, {@code http} or {@code https}), for the trace
     * endpoint and AudioSocket's registrations.
     */
    public URI httpBase() {
        String scheme = "wss".equals(mediaUrl.getScheme()) ? "https" : "http";
        return URI.create(scheme + "://" + mediaUrl.getRawAuthority());
    }

    /** {@code ws://host:port} gets the gateway's path (Twilio's {@code /twilio/media}); a URL with its own path is used as it is. */
    public static URI mediaUrl(String url, Gateway gateway) {
        URI uri = URI.create(url);
        if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--url must be ws://host:port or wss://host:port, got " + url);
        }
        String path = uri.getRawPath();
        return path == null || path.isEmpty() || path.equals("/") ? URI.create(url.replaceAll("/$", "") + gateway.path()) : uri;
    }
}
