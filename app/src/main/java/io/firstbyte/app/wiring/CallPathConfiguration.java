package io.firstbyte.app.wiring;

import io.firstbyte.app.agent.CallPromptBuilder;
import io.firstbyte.app.agent.CallPrompts;
import io.firstbyte.app.agent.SilenceWordsByLanguage;
import io.firstbyte.app.booking.AvailabilityWarmup;
import io.firstbyte.app.booking.BookingTools;
import io.firstbyte.app.booking.CatalogSource;
import io.firstbyte.app.call.CallRunner;
import io.firstbyte.app.call.CallStartResolver;
import io.firstbyte.app.call.TenantCallStart;
import io.firstbyte.app.capacity.CallAdmission;
import io.firstbyte.app.cluster.ClusterCalls;
import io.firstbyte.app.providers.TenantProviderOverrides;
import io.firstbyte.app.tenant.TenantDirectory;
import io.firstbyte.app.call.LiveCalls;
import io.firstbyte.app.call.RecentTraces;
import io.firstbyte.app.records.CallRecords;
import io.firstbyte.app.booking.cache.RedisConnector;
import io.firstbyte.app.config.CallProperties;
import io.firstbyte.app.config.StoreProperties;
import io.firstbyte.app.config.TelephonyProperties;
import io.firstbyte.app.observability.CallMetrics;
import io.firstbyte.app.observability.CallTracing;
import io.firstbyte.adapters.telephony.twilio.TwilioMediaCodec;
import io.firstbyte.adapters.telephony.common.SharedSecret;
import io.firstbyte.app.web.media.MediaDialects;
import io.firstbyte.app.handover.GatewayTransfers;
import io.firstbyte.app.web.media.MediaStreamHandler;
import io.firstbyte.app.web.twilio.CallTokens;
import io.firstbyte.app.web.twilio.LocalUsedTokens;
import io.firstbyte.app.web.twilio.RedisUsedTokens;
import io.firstbyte.app.web.twilio.SignedCall;
import io.firstbyte.pipeline.control.EndCallTool;
import io.firstbyte.pipeline.control.SilenceWords;
import io.firstbyte.pipeline.graph.CallPipeline;
import io.firstbyte.pipeline.llm.LanguageModel;
import io.firstbyte.pipeline.stt.SpeechToText;
import io.firstbyte.pipeline.tool.Tool;
import io.firstbyte.pipeline.tool.ToolRegistry;
import io.firstbyte.pipeline.tts.TextToSpeech;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.support.WebSocketHandlerAdapter;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.WebsocketServerSpec;

/** The call path: media endpoints, the call pipeline and its tools, live calls and their meters. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CallProperties.class, TelephonyProperties.class})
public class CallPathConfiguration {

    /** Each call is also published for the other instances sharing Redis. */
    @Bean
    LiveCalls liveCalls(ClusterCalls clusterCalls) {
        return new LiveCalls(clusterCalls);
    }

    @Bean
    RecentTraces recentTraces() {
        return new RecentTraces(2_000);
    }

    /** Single use of a call token holds across instances through the shared Redis (see RedisUsedTokens). */
    @Bean
    CallTokens callTokens(TelephonyProperties telephony, RedisConnector bookingRedis, StoreProperties store, MeterRegistry registry) {
        Clock clock = Clock.systemUTC();
        Counter fallbacks = Counter.builder("firstbyte.calltokens.redis.fallback")
                .description("Call tokens checked for single use on this instance only, because Redis did not answer")
                .register(registry);
        return new CallTokens(telephony.twilioAuthToken(), telephony.callTokenTtl(), clock,
                new RedisUsedTokens(bookingRedis, store.redis().keyPrefix(), new LocalUsedTokens(clock), fallbacks));
    }

    @Bean
    CallStartResolver callStartResolver(TenantDirectory tenants, AvailabilityWarmup warmup, CallProperties call,
                                        TenantProviderOverrides providers, CatalogSource bookingCatalogs,
                                        ObjectProvider<Clock> clocks,
                                        // how long a call's start waits for its tenant's catalog (for the prompt) before going on without it
                                        @Value("${firstbyte.call.prompt-catalog-wait:800ms}") Duration promptCatalogWait) {
        CallPromptBuilder prompt = new CallPromptBuilder(call.systemPrompt(), call.greeting(), clocks.getIfUnique(Clock::systemUTC));
        return new TenantCallStart(tenants, warmup, call.warmUpAvailability(), providers,
                new CallPrompts(bookingCatalogs, prompt, promptCatalogWait), silenceWords(call));
    }

    /** What a silent caller hears in the business's language; English is the configured words. */
    private static @Nullable SilenceWordsByLanguage silenceWords(CallProperties call) {
        CallProperties.Silence silence = call.silence();
        return silence.prompt().isBlank() || silence.goodbye().isBlank() ? null
                : new SilenceWordsByLanguage(new SilenceWords(silence.prompt(), silence.goodbye()));
    }

    /** The agent's hang-up; like every {@link Tool} bean, it joins the booking tools in the registry. */
    @Bean
    Tool endCallTool() {
        return new EndCallTool();
    }

    @Bean
    ToolRegistry toolRegistry(BookingTools booking, ObjectProvider<Tool> others, CallProperties call) {
        List<Tool> tools = new ArrayList<>(booking.tools());
        others.orderedStream().forEach(tools::add);
        return new ToolRegistry(tools, call.toolTimeout());
    }

    @Bean
    CallPipeline callPipeline(SpeechToText stt, LanguageModel model, TextToSpeech tts, ToolRegistry tools,
                              CallProperties call) {
        return new CallPipeline(stt, model, tts, tools, call.toSettings(), call.limits(), call.controls(), Schedulers.parallel());
    }

    @Bean
    CallRunner callRunner(CallPipeline pipeline, CallStartResolver resolver, LiveCalls live, RecentTraces traces,
                          CallMetrics metrics, @Value("${firstbyte.call.start-resolve-timeout:2s}") Duration resolveTimeout,
                          CallRecords records, CallTracing tracing, CallAdmission callAdmission) {
        return new CallRunner(pipeline, resolver, live, traces, metrics, resolveTimeout, records, tracing, callAdmission);
    }

    @Bean
    HandlerMapping mediaHandlerMapping(CallRunner runner, TelephonyProperties telephony, CallTokens tokens,
                                       GatewayTransfers gatewayTransfers) {
        MediaStreamHandler.CallTokenCheck twilioTokens = telephony.signaturesRequired()
                ? started -> tokens.consume(started.parameters().get("token"), SignedCall.claimedBy(started))
                : MediaStreamHandler.CallTokenCheck.of(started -> true);
        Map<String, MediaStreamHandler.CallTokenCheck> firstMessageTokens = Map.of(
                "plivo", tokenIn(telephony.gateways().plivoToken()),
                "vonage", tokenIn(telephony.gateways().vonageToken()));
        Map<String, WebSocketHandler> routes = new LinkedHashMap<>();
        routes.put("/twilio/media", new MediaStreamHandler("twilio", (session, dropped) -> new TwilioMediaCodec(dropped),
                List.of(), runner, telephony, twilioTokens));
        MediaDialects.all(telephony.freeswitchPlayback()).forEach(dialect -> routes.put("/audio/" + dialect.name(), new MediaStreamHandler(
                dialect.name(), dialect.codecs(), dialect.subProtocols(), runner, telephony,
                firstMessageTokens.getOrDefault(dialect.name(), MediaStreamHandler.CallTokenCheck.of(started -> true)),
                gatewayTransfers.handsOver(dialect.name()))));
        return new SimpleUrlHandlerMapping(routes, -1);
    }

    /** Plivo and Vonage can carry a secret only in the first message, as the parameter {@code token}. */
    private static MediaStreamHandler.CallTokenCheck tokenIn(String secret) {
        return MediaStreamHandler.CallTokenCheck.of(
                started -> secret.isEmpty() || SharedSecret.matches(secret, started.parameters().get("token")));
    }

    @Bean
    WebSocketHandlerAdapter webSocketHandlerAdapter(TelephonyProperties telephony) {
        int maxFrame = (int) telephony.maxFrameSize().toBytes();
        return new WebSocketHandlerAdapter(new HandshakeWebSocketService(new ReactorNettyRequestUpgradeStrategy(
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(maxFrame).handlePing(true))));
    }

}
