package io.firstbyte.bench.calls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tiny server that speaks the server side of Twilio Media Streams: it greets, hears the end of
 * each caller utterance (the first all-silence frame after speech), answers {@link #THINK} later
 * with {@link #ANSWER_FRAMES} frames paced at 20 ms with a small lead and a mark, sends
 * {@code clear} when the caller speaks over an answer, and serves {@code /calls/{sid}/trace}. It
 * also checks every message the caller sends against protocols.md and keeps what it finds wrong.
 */
final class FakeTwilioServer implements AutoCloseable {

    static final Duration THINK = Duration.ofMillis(100);
    static final int ANSWER_FRAMES = 40;
    static final int LEAD_FRAMES = 5;
    static final int GREETING_FRAMES = 15;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FRAME = Base64.getEncoder().encodeToString(new byte[160]);

    final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger marksSent = new AtomicInteger();
    final AtomicInteger markEchoes = new AtomicInteger();
    final AtomicInteger clears = new AtomicInteger();
    final AtomicInteger stops = new AtomicInteger();
    private final Map<String, List<String>> traces = new ConcurrentHashMap<>();
    private final DisposableServer server;

    FakeTwilioServer() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .ws("/twilio/media", this::stream)
                        .get("/calls/{sid}/trace", (request, response) -> {
                            List<String> turns = traces.get(request.param("sid"));
                            return turns == null ? response.sendNotFound()
                                    : response.header("content-type", "application/json")
                                            .sendString(Mono.just("{\"turns\":[" + String.join(",", turns) + "]}"));
                        }))
                .bindNow();
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.disposeNow();
    }

    private Mono<Void> stream(WebsocketInbound in, WebsocketOutbound out) {
        Call call = new Call();
        Flux<String> replies = in.aggregateFrames().receive().asString()
                .<Reaction>handle((text, sink) -> {
                    Reaction reaction = call.hear(JSON.readTree(text));
                    if (reaction != null) {
                        sink.next(reaction);
                    }
                })
                .switchMap(reaction -> reaction.turn() < 0 ? Flux.just(call.clear()) : call.answer(reaction));
        return out.sendString(replies).then();
    }

    /** An answer to start (turn 0 is the greeting) or, with turn -1, an interruption. */
    private record Reaction(int turn, long speechEnd) {
    }

    /** One stream's state; touched from the connection's event loop and the answer's timer, hence volatile. */
    private final class Call {
        private volatile String streamSid = "";
        private volatile String callSid = "";
        private volatile boolean answering;
        private volatile boolean interrupted;
        private long expectedSequence = 1;
        private long expectedChunk = 1;
        private boolean connected;
        private boolean speaking;
        private int turn;

        Reaction hear(JsonNode message) {
            String event = message.path("event").asString();
            if (!event.equals("connected")) {
                checkSequence(message);
            }
            return switch (event) {
                case "connected" -> {
                    connected = true;
                    yield null;
                }
                case "start" -> start(message);
                case "media" -> media(message.path("media"));
                case "mark" -> {
                    markEchoes.incrementAndGet();
                    yield null;
                }
                case "stop" -> {
                    stops.incrementAndGet();
                    expect(message.path("stop").path("callSid").asString().equals(callSid), "stop names the call");
                    yield null;
                }
                default -> {
                    violations.add("unexpected event " + event);
                    yield null;
                }
            };
        }

        private Reaction start(JsonNode message) {
            JsonNode start = message.path("start");
            expect(connected, "connected before start");
            streamSid = start.path("streamSid").asString();
            callSid = start.path("callSid").asString();
            expect(streamSid.matches("MZ[0-9a-f]{32}") && callSid.matches("CA[0-9a-f]{32}"), "Twilio sids");
            expect(start.path("tracks").toString().equals("[\"inbound\"]"), "inbound track");
            expect(start.path("mediaFormat").path("encoding").asString().equals("audio/x-mulaw"), "mu-law");
            JsonNode parameters = start.path("customParameters");
            expect(parameters.path("lines").asString().contains("|"), "lines joined with |");
            expect(parameters.path("To").asString().equals("+15550100100"), "dialled number");
            expect(parameters.path("profile").asString().equals("typical-cloud"), "profile");
            traces.put(callSid, Collections.synchronizedList(new ArrayList<>()));
            return new Reaction(0, System.nanoTime());
        }

        private Reaction media(JsonNode media) {
            expect(media.path("chunk").asString().equals(Long.toString(expectedChunk)), "chunk counts from 1");
            expect(media.path("timestamp").asString().equals(Long.toString((expectedChunk - 1) * 20)), "timestamp");
            expectedChunk++;
            byte[] frame = Base64.getDecoder().decode(media.path("payload").asString());
            expect(frame.length == 160, "160-byte frames");
            boolean voiced = false;
            for (byte b : frame) {
                voiced |= b != (byte) 0xFF;
            }
            if (voiced && !speaking) {
                speaking = true;
                return answering ? new Reaction(-1, 0) : null;
            }
            if (!voiced && speaking) {
                speaking = false;
                return new Reaction(++turn, System.nanoTime());
            }
            return null;
        }

        Flux<String> answer(Reaction reaction) {
            Duration think = reaction.turn() == 0 ? Duration.ZERO : THINK;
            int frames = reaction.turn() == 0 ? GREETING_FRAMES : ANSWER_FRAMES;
            Flux<Long> paced = Flux.concat(Flux.range(0, LEAD_FRAMES).map(i -> 0L),
                    Flux.interval(Duration.ofMillis(20)).take(frames - LEAD_FRAMES));
            return Mono.delay(think)
                    .doOnNext(x -> {
                        answering = true;
                        interrupted = false;
                        if (reaction.turn() > 0) {
                            trace(reaction);
                        }
                    })
                    .thenMany(paced.map(i -> media()))
                    .concatWith(Mono.fromSupplier(() -> {
                        marksSent.incrementAndGet();
                        return "{\"event\":\"mark\",\"streamSid\":\"" + streamSid + "\",\"mark\":{\"name\":\"turn"
                                + reaction.turn() + "\"}}";
                    }))
                    .doFinally(signal -> answering = false);
        }

        String clear() {
            clears.incrementAndGet();
            interrupted = true;
            return "{\"event\":\"clear\",\"streamSid\":\"" + streamSid + "\"}";
        }

        private void trace(Reaction reaction) {
            double ttfbMs = (System.nanoTime() - reaction.speechEnd()) / 1e6;
            traces.get(callSid).add("{\"turn\":" + reaction.turn() + ",\"transcript\":\"\",\"ttfbMs\":" + ttfbMs
                    + ",\"simulatedDelayMs\":" + THINK.toMillis() + ",\"interrupted\":" + interrupted + "}");
        }

        private String media() {
            return "{\"event\":\"media\",\"streamSid\":\"" + streamSid + "\",\"media\":{\"payload\":\"" + FRAME + "\"}}";
        }

        private void checkSequence(JsonNode message) {
            expect(message.path("sequenceNumber").asString().equals(Long.toString(expectedSequence)),
                    "sequenceNumber " + expectedSequence);
            expect(message.path("streamSid").asString().equals(streamSid) || expectedSequence == 1, "streamSid");
            expectedSequence++;
        }

        private void expect(boolean condition, String rule) {
            if (!condition) {
                violations.add(rule);
            }
        }
    }
}
