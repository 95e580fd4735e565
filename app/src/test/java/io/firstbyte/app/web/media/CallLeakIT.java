package io.firstbyte.app.web.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.firstbyte.app.call.CallStartResolver;
import io.firstbyte.app.call.LiveCalls;
import io.firstbyte.app.capacity.CallAdmission;
import io.firstbyte.pipeline.call.CallContext;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

/**
 * After many calls have come and gone, nothing of any call is still reachable: each call's context
 * carries a probe object, and every probe must be collectable once its call has ended; every place
 * a call took under the instance's call cap is given back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"firstbyte.providers.simulated.profile=fast"})
class CallLeakIT {

    static final List<WeakReference<Object>> PROBES = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class ProbeResolver {
        @Bean
        @Primary
        CallStartResolver probingResolver(List<CallStartResolver> resolvers) {
            CallStartResolver real = resolvers.stream().filter(r -> !(r instanceof Probing)).findFirst()
                    .orElse(CallStartResolver.none());
            return new Probing(real);
        }
    }

    record Probing(CallStartResolver real) implements CallStartResolver {
        @Override
        public reactor.core.publisher.Mono<CallContext> resolve(CallContext call) {
            Object probe = new Object();
            PROBES.add(new WeakReference<>(probe));
            return real.resolve(call).map(resolved -> resolved.withAttribute("test.probe", probe));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    LiveCalls liveCalls;

    @Autowired
    CallAdmission admission;

    @Test
    void twoHundredCallsComeAndGoAndLeaveNoPerCallObjectBehind() throws Exception {
        Flux.range(0, 200).flatMap(this::shortCall, 25).blockLast(Duration.ofSeconds(120));

        assertThat(PROBES).hasSize(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (liveCalls.count() > 0 || admission.calls() > 0 || reachable() > 0) {
            assertThat(System.nanoTime()).as("%d calls still live, %d places of the call cap held, %d probes reachable",
                            liveCalls.count(), admission.calls(), reachable())
                    .isLessThan(deadline);
            System.gc();
            Thread.sleep(100);
        }
    }

    private long reachable() {
        return PROBES.stream().filter(ref -> ref.get() != null).count();
    }

    private Flux<String> shortCall(int n) {
        String sid = "MZ%032d".formatted(n);
        String start = """
                {"event":"start","sequenceNumber":"1","streamSid":"%s","start":{"streamSid":"%s","accountSid":"AC1",\
                "callSid":"CA%032d","tracks":["inbound"],"customParameters":{"From":"+15550001111","To":"+15550100100"},\
                "mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1}}}""".formatted(sid, sid, n);
        String silence = "/".repeat(212) + "/w==";
        Flux<String> media = Flux.range(0, 25).map(i -> """
                {"event":"media","sequenceNumber":"%d","streamSid":"%s","media":{"track":"inbound","chunk":"%d",\
                "timestamp":"%d","payload":"%s"}}""".formatted(i + 2, sid, i + 1, i * 20, silence));
        String stop = "{\"event\":\"stop\",\"sequenceNumber\":\"99\",\"streamSid\":\"" + sid + "\",\"stop\":{}}";
        Flux<String> script = Flux.concat(Flux.just("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}", start),
                media.delayElements(Duration.ofMillis(10)), Flux.just(stop));
        return HttpClient.create().websocket().uri(URI.create("ws://localhost:" + port + "/twilio/media"))
                .handle((in, out) -> out.sendString(script).then().thenMany(in.receive().asString()))
                .timeout(Duration.ofSeconds(20));
    }
}
