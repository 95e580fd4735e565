package io.firstbyte.app.call;

import io.firstbyte.app.tenant.TenantInfo;
import io.firstbyte.pipeline.call.CallContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import reactor.core.publisher.Mono;

/** Records the tenant each call was resolved to, by call id ({@code "null"}: none), around the real resolver. */
@TestConfiguration
public class TenantRecorder {

    public static final Map<String, String> TENANT_BY_CALL = new ConcurrentHashMap<>();

    @Bean
    @Primary
    CallStartResolver tenantRecordingResolver(List<CallStartResolver> resolvers) {
        CallStartResolver real = resolvers.stream().filter(r -> !(r instanceof Recording)).findFirst()
                .orElse(CallStartResolver.none());
        return new Recording(real);
    }

    record Recording(CallStartResolver real) implements CallStartResolver {
        @Override
        public Mono<CallContext> resolve(CallContext call) {
            return real.resolve(call).doOnNext(resolved -> TENANT_BY_CALL.put(resolved.callId(),
                    String.valueOf(resolved.attribute(TenantInfo.CONTEXT_ATTRIBUTE, String.class))));
        }

        @Override
        public Mono<Void> warmUp(CallContext resolved) {
            return real.warmUp(resolved);
        }
    }
}
