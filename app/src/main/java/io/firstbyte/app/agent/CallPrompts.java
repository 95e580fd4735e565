package io.firstbyte.app.agent;

import io.firstbyte.app.booking.CatalogSource;
import io.firstbyte.app.booking.rules.TenantCatalog;
import io.firstbyte.app.tenant.TenantInfo;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.call.CallPrompt;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The prompt of a call to a known tenant, at call start. The tenant's catalog usually comes from
 * memory; when it cannot be had within {@code catalogWait} (a cold cache and a slow or failing
 * database), the prompt says so and the call goes on with the date, the rules and the tools.
 * Never fails and never completes empty.
 */
public final class CallPrompts {

    private static final Logger log = LoggerFactory.getLogger(CallPrompts.class);

    private final CatalogSource catalogs;
    private final CallPromptBuilder builder;
    private final Duration catalogWait;

    public CallPrompts(CatalogSource catalogs, CallPromptBuilder builder, Duration catalogWait) {
        this.catalogs = catalogs;
        this.builder = builder;
        this.catalogWait = catalogWait;
    }

    /** The prompt of a call to a number no active business answers. */
    public CallPrompt forUnknownNumber() {
        return builder.unknownNumber();
    }

    public Mono<CallPrompt> forCall(TenantInfo tenant, CallContext call) {
        return catalogs.catalog(tenant.id())
                .map(Optional::of)
                .timeout(catalogWait)
                .onErrorResume(error -> {
                    log.warn("call {}: the business's catalog could not be loaded for the prompt ({})", call.callId(),
                            error.toString());
                    return Mono.just(Optional.empty());
                })
                .defaultIfEmpty(Optional.<TenantCatalog>empty())
                .map(catalog -> builder.build(tenant, catalog.orElse(null), call.from()));
    }
}
