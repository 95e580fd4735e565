package io.firstbyte.app.call;

import io.firstbyte.app.agent.CallPrompts;
import io.firstbyte.app.agent.LimitWordsByLanguage;
import io.firstbyte.app.agent.SilenceWordsByLanguage;
import io.firstbyte.app.booking.AvailabilityWarmup;
import io.firstbyte.app.providers.CallProviders;
import io.firstbyte.app.providers.TenantProviderOverrides;
import io.firstbyte.app.tenant.TenantDirectory;
import io.firstbyte.app.tenant.TenantInfo;
import io.firstbyte.pipeline.call.CallContext;
import io.firstbyte.pipeline.call.CallPrompt;
import io.firstbyte.pipeline.control.LimitWords;
import io.firstbyte.pipeline.control.SilenceWords;
import org.jspecify.annotations.Nullable;
import io.firstbyte.pipeline.tool.TranscriptHints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Resolves a call's tenant from the number the caller dialled, once, and puts its id and time zone
 * in the call context (tools read the tenant only from there, never from the model's arguments).
 * While the greeting plays, the tenant's settings and next days' availability are loaded into the
 * cache, so the model's first availability lookup does not wait on the database. A tenant that chose
 * its own providers gets them in the context too ({@link CallProviders#ATTRIBUTE}), and every call to
 * a tenant gets its own system prompt and greeting ({@link CallPrompt#ATTRIBUTE}, built alongside) and,
 * in its language, what a silent caller hears ({@link SilenceWords#ATTRIBUTE}).
 * With the warm-up on, the call's transcript hints ({@link TranscriptHints#ATTRIBUTE}) also warm any
 * day the caller names for a service, as they say it.
 */
public final class TenantCallStart implements CallStartResolver {

    public static final String TIME_ZONE_ATTRIBUTE = "firstbyte.timeZone";
    private static final Logger log = LoggerFactory.getLogger(TenantCallStart.class);

    private final TenantDirectory tenants;
    private final AvailabilityWarmup warmup;
    private final boolean warmUpEnabled;
    private final TenantProviderOverrides providers;
    private final CallPrompts prompts;
    private final SilenceWordsByLanguage silenceWords;

    public TenantCallStart(TenantDirectory tenants, AvailabilityWarmup warmup, boolean warmUpEnabled,
                           TenantProviderOverrides providers, CallPrompts prompts) {
        this(tenants, warmup, warmUpEnabled, providers, prompts, null);
    }

    /** @param silenceWords what a silent caller hears in the tenant's language; null: the configured words always */
    public TenantCallStart(TenantDirectory tenants, AvailabilityWarmup warmup, boolean warmUpEnabled,
                           TenantProviderOverrides providers, CallPrompts prompts, @Nullable SilenceWordsByLanguage silenceWords) {
        this.tenants = tenants;
        this.warmup = warmup;
        this.warmUpEnabled = warmUpEnabled;
        this.providers = providers;
        this.prompts = prompts;
        this.silenceWords = silenceWords;
    }

    @Override
    public Mono<CallContext> resolve(CallContext call) {
        return tenants.byDialledNumber(call.to())
                .flatMap(tenant -> Mono.zip(withProviders(tenant, withHints(tenant, inLanguage(tenant, call.withAttribute(TenantInfo.CONTEXT_ATTRIBUTE, tenant.id())
                                .withAttribute(TIME_ZONE_ATTRIBUTE, tenant.timeZone())))), prompts.forCall(tenant, call))
                        .map(both -> both.getT1().withAttribute(CallPrompt.ATTRIBUTE, both.getT2())))
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    log.warn("call {}: no active tenant answers on the dialled number; the caller is told so", call.callId());
                    return call.withAttribute(CallPrompt.ATTRIBUTE, prompts.forUnknownNumber());
                }))
                .onErrorResume(error -> {
                    log.warn("call {}: tenant lookup failed ({}); continuing without a tenant", call.callId(), error.toString());
                    return Mono.just(call);
                });
    }

    /**
     * The call with what a silent caller hears, and what a caller hears when a limit ends the call, in the
     * tenant's language, when it has its own words.
     */
    private CallContext inLanguage(TenantInfo tenant, CallContext call) {
        CallContext withLimits = LimitWordsByLanguage.forLanguage(tenant.language())
                .map(words -> call.withAttribute(LimitWords.ATTRIBUTE, words))
                .orElse(call);
        return silenceWords == null ? withLimits : silenceWords.forLanguage(tenant.language())
                .map(words -> withLimits.withAttribute(SilenceWords.ATTRIBUTE, words))
                .orElse(withLimits);
    }

    private CallContext withHints(TenantInfo tenant, CallContext call) {
        return warmUpEnabled ? call.withAttribute(TranscriptHints.ATTRIBUTE, warmup.hintsFor(tenant.id())) : call;
    }

    /** The tenant's own providers, when it chose any; a failed lookup leaves the server's. */
    private Mono<CallContext> withProviders(TenantInfo tenant, CallContext call) {
        return providers.forTenant(tenant.id())
                .map(chosen -> chosen.map(selection -> call.withAttribute(CallProviders.ATTRIBUTE, selection)).orElse(call))
                .onErrorResume(error -> {
                    log.warn("call {}: the tenant's provider settings could not be read ({}); using the server's providers",
                            call.callId(), error.toString());
                    return Mono.just(call);
                });
    }

    @Override
    public Mono<Void> warmUp(CallContext resolved) {
        String tenantId = resolved.attribute(TenantInfo.CONTEXT_ATTRIBUTE, String.class);
        if (!warmUpEnabled || tenantId == null) {
            return Mono.empty();
        }
        return warmup.warm(tenantId).onErrorResume(error -> {
            log.warn("call {}: availability warm-up failed: {}", resolved.callId(), error.toString());
            return Mono.empty();
        });
    }
}
