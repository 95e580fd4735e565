package io.firstbyte.app.audiosocket;

import io.firstbyte.adapters.telephony.asterisk.audiosocket.AudioSocketCallDirectory;
import io.firstbyte.adapters.telephony.asterisk.audiosocket.AudioSocketCodec;
import io.firstbyte.adapters.telephony.asterisk.audiosocket.AudioSocketFrameDecoder;
import io.firstbyte.adapters.telephony.common.CallerNumbers;
import io.firstbyte.app.call.CallRunner;
import io.firstbyte.app.config.AudioSocketProperties;
import io.firstbyte.pipeline.transport.DroppedInputLog;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

/**
 * The Asterisk AudioSocket TCP listener (protocols.md 3.6): Asterisk's {@code AudioSocket()} dial
 * plan application connects, sends the call's UUID, and the call runs through the same pipeline
 * as every WebSocket gateway. The call's numbers come from the {@link AudioSocketCallDirectory}
 * ({@code POST /audiosocket/calls} before connecting); an unregistered call gets the configured
 * default dialled number, if any, unless only registered calls are accepted (Asterisk credentials
 * configured): then its connection is closed. Started and stopped with the application, when the
 * serving mode serves AudioSocket at all (decided at start, not by a bean condition, which an
 * AOT-processed start would have fixed at build time).
 */
public final class AudioSocketListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AudioSocketListener.class);

    private final AudioSocketProperties settings;
    private final AudioSocketCallDirectory directory;
    private final CallRunner runner;
    private final Duration startTimeout;
    private final boolean registeredOnly;
    private final boolean served;
    private final AtomicLong connections = new AtomicLong();
    private volatile @Nullable DisposableServer server;

    /**
     * @param registeredOnly accept only calls registered through {@code POST /audiosocket/calls} (with the
     *                       Asterisk credentials): a connection with any other UUID is closed at once
     * @param served         whether AudioSocket is served in this serving mode; when not, nothing listens
     */
    public AudioSocketListener(AudioSocketProperties settings, AudioSocketCallDirectory directory, CallRunner runner,
                               Duration startTimeout, boolean registeredOnly, boolean served) {
        this.settings = settings;
        this.directory = directory;
        this.runner = runner.forGateway("audiosocket");
        this.startTimeout = startTimeout;
        this.registeredOnly = registeredOnly;
        this.served = served;
    }

    /** The port it listens on (the one the system chose when configured as {@code 0}); -1 when not listening. */
    public int port() {
        DisposableServer current = server;
        return current == null ? -1 : current.port();
    }

    /** The address it listens on; {@code null} when not listening. */
    public @Nullable InetSocketAddress address() {
        DisposableServer current = server;
        return current == null ? null : (InetSocketAddress) current.address();
    }

    @Override
    public void start() {
        if (!served) {
            return;
        }
        server = TcpServer.create()
                .host(settings.host())
                .port(settings.port())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .handle((in, out) -> {
                    String name = "audiosocket/" + connections.incrementAndGet();
                    DroppedInputLog dropped = new DroppedInputLog(name, kind -> runner.metrics().dropped("audiosocket", kind));
                    AtomicBoolean registered = new AtomicBoolean();
                    AudioSocketCodec codec = new AudioSocketCodec(dropped, call -> parametersOf(call, registered),
                            new AudioSocketFrameDecoder());
                    return new AudioSocketConnection(codec, runner, startTimeout, settings.pacerLead(), name,
                            () -> registered.get() || !registeredOnly).serve(in, out);
                })
                .bindNow();
        log.info("AudioSocket listening on {}:{}{}", settings.host(), port(),
                registeredOnly ? ", registered calls only" : "");
    }

    private Map<String, String> parametersOf(UUID call, AtomicBoolean registered) {
        Optional<Map<String, String>> registration = directory.take(call);
        registered.set(registration.isPresent());
        Map<String, String> parameters = new LinkedHashMap<>(registration.orElse(Map.of()));
        if (!parameters.containsKey(CallerNumbers.TO) && !settings.defaultDialled().isBlank()) {
            parameters.put(CallerNumbers.TO, settings.defaultDialled());
        }
        return parameters;
    }

    @Override
    public void stop() {
        DisposableServer current = server;
        if (current != null) {
            current.disposeNow();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }
}
