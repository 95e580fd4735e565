package io.firstbyte.app.wiring;

import io.firstbyte.app.booking.CatalogSource;
import io.firstbyte.app.booking.cache.RedisConnector;
import io.firstbyte.adapters.telephony.plivo.PlivoCallTransfer;
import io.firstbyte.adapters.telephony.telnyx.TelnyxCallTransfer;
import io.firstbyte.adapters.telephony.twilio.TwiML;
import io.firstbyte.adapters.telephony.twilio.TwilioCallUpdate;
import io.firstbyte.adapters.telephony.vonage.VonageCallTransfer;
import io.firstbyte.app.config.HandOverProperties;
import io.firstbyte.app.config.StoreProperties;
import io.firstbyte.app.config.TelephonyProperties;
import io.firstbyte.app.config.WebhookProperties;
import io.firstbyte.app.handover.GatewayTransfers;
import io.firstbyte.app.handover.PendingTransfers;
import io.firstbyte.app.handover.TransferCallTool;
import io.firstbyte.app.handover.TransferNumbers;
import io.firstbyte.app.messages.MessageStore;
import io.firstbyte.app.messages.MessagesApi;
import io.firstbyte.app.messages.TakeMessageTool;
import io.firstbyte.app.tenant.WebhookSecrets;
import io.firstbyte.app.web.plivo.PlivoTransferXml;
import io.firstbyte.app.webhooks.Backoff;
import io.firstbyte.app.webhooks.BookingEvents;
import io.firstbyte.app.webhooks.NettyWebhookClient;
import io.firstbyte.app.webhooks.PostgresOutbox;
import io.firstbyte.app.webhooks.WebhookSender;
import io.firstbyte.pipeline.tool.Tool;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.scheduler.Schedulers;

/**
 * Handing callers over and telling the business: the {@code transfer_call} and {@code take_message}
 * tools (they join the registry as {@link Tool} beans), the pending transfers Twilio's action URL reads,
 * the messages' admin routes, and the webhook outbox with its sender, which starts once the application
 * is ready (the schema is migrated by then) and stops with it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({WebhookProperties.class, HandOverProperties.class})
public class HandOverWiring {

    /** How long a transfer is kept for the gateway's request after the stream: Twilio asks within seconds. */
    private static final Duration TRANSFER_TTL = Duration.ofMinutes(15);
    private static final int DELIVERIES_PER_ROUND = 50;

    @Bean
    TransferNumbers transferNumbers(DatabaseClient bookingDatabaseClient) {
        return new TransferNumbers(bookingDatabaseClient);
    }

    @Bean
    PendingTransfers pendingTransfers(RedisConnector bookingRedis, StoreProperties store) {
        return new PendingTransfers(bookingRedis, store.redis().keyPrefix(), TRANSFER_TTL);
    }

    @Bean
    Tool transferCallTool(TransferNumbers transferNumbers, PendingTransfers pendingTransfers, CatalogSource bookingCatalogs,
                          ObjectProvider<Clock> clocks, GatewayTransfers gatewayTransfers) {
        return new TransferCallTool(transferNumbers, pendingTransfers, bookingCatalogs, clocks.getIfUnique(Clock::systemUTC),
                gatewayTransfers);
    }

    /**
     * The gateways' own hand-over, each only when configured with its credentials: Twilio's REST call update
     * when TWILIO_TRANSFER=rest (then its account SID and auth token are required), Telnyx's Call Control
     * {@code transfer} when TELNYX_API_KEY is set, Vonage's Voice API transfer when VONAGE_APPLICATION_ID and
     * VONAGE_PRIVATE_KEY are set (one without the other stops start-up), Plivo's Voice API call transfer when
     * PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN are set (likewise both or neither): Plivo is sent the call's A leg to
     * {@link PlivoTransferXml}, which answers the number from the transfer record. Without any, none.
     */
    @Bean(destroyMethod = "close")
    GatewayTransfers gatewayTransfers(HandOverProperties handOver, TelephonyProperties telephony, ObjectProvider<Clock> clocks) {
        Map<String, GatewayTransfers.GatewayTransfer> ways = new LinkedHashMap<>();
        List<AutoCloseable> clients = new ArrayList<>();
        if (handOver.twilioRest()) {
            if (handOver.twilioAccountSid().isEmpty() || telephony.twilioAuthToken().isEmpty()) {
                throw new IllegalStateException("TWILIO_TRANSFER=rest needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN");
            }
            TwilioCallUpdate twilio = new TwilioCallUpdate(handOver.twilioApiUrl(), handOver.twilioAccountSid(),
                    telephony.twilioAuthToken(), handOver.twilioRestTimeout());
            ways.put("twilio", (callSid, number) -> twilio.update(callSid, TwiML.dial(number)));
            clients.add(twilio);
        }
        if (!handOver.telnyxApiKey().isEmpty()) {
            TelnyxCallTransfer telnyx = new TelnyxCallTransfer(handOver.telnyxApiUrl(), handOver.telnyxApiKey(),
                    handOver.gatewayRestTimeout());
            ways.put("telnyx", telnyx::transfer);
            clients.add(telnyx);
        }
        if (!handOver.vonageApplicationId().isEmpty() || !handOver.vonagePrivateKey().isEmpty()) {
            if (handOver.vonageApplicationId().isEmpty() || handOver.vonagePrivateKey().isEmpty()) {
                throw new IllegalStateException("Vonage transfers need both VONAGE_APPLICATION_ID and VONAGE_PRIVATE_KEY");
            }
            VonageCallTransfer vonage = new VonageCallTransfer(handOver.vonageApiUrl(), handOver.vonageApplicationId(),
                    handOver.vonagePrivateKey(), clocks.getIfUnique(Clock::systemUTC), handOver.gatewayRestTimeout());
            ways.put("vonage", vonage::transfer);
            clients.add(vonage);
        }
        if (!handOver.plivoAuthId().isEmpty() || !handOver.plivoAuthToken().isEmpty()) {
            if (handOver.plivoAuthId().isEmpty() || handOver.plivoAuthToken().isEmpty()) {
                throw new IllegalStateException("Plivo transfers need both PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN");
            }
            PlivoCallTransfer plivo = new PlivoCallTransfer(handOver.plivoApiUrl(), handOver.plivoAuthId(),
                    handOver.plivoAuthToken(), handOver.gatewayRestTimeout());
            String alegUrl = telephony.publicUrlOf(PlivoTransferXml.PATH, null);
            // The number is not sent: Plivo asks the aleg_url, which reads it from the transfer record written just before.
            ways.put("plivo", (callUuid, number) -> plivo.transfer(callUuid, alegUrl));
            clients.add(plivo);
        }
        return ways.isEmpty() ? GatewayTransfers.NONE : new GatewayTransfers(ways, clients.toArray(AutoCloseable[]::new));
    }

    @Bean
    MessageStore messageStore(DatabaseClient bookingDatabaseClient) {
        return new MessageStore(bookingDatabaseClient);
    }

    @Bean
    Tool takeMessageTool(MessageStore messageStore, WebhookSender webhookSender) {
        return new TakeMessageTool(messageStore, webhookSender::nudge);
    }

    @Bean
    RouterFunction<ServerResponse> messageRoutes(MessageStore messageStore) {
        return new MessagesApi(messageStore).routes();
    }

    @Bean(destroyMethod = "close")
    NettyWebhookClient webhookClient(WebhookProperties webhooks) {
        return new NettyWebhookClient(webhooks.timeout(), webhooks.timeout());
    }

    @Bean(destroyMethod = "dispose")
    WebhookSender webhookSender(DatabaseClient bookingDatabaseClient, WebhookSecrets webhookSecrets,
                                NettyWebhookClient webhookClient, WebhookProperties webhooks, MeterRegistry registry) {
        return new WebhookSender(new PostgresOutbox(bookingDatabaseClient, webhookSecrets), webhookClient,
                new Backoff(webhooks.firstRetry(), webhooks.maxRetryWait(), webhooks.maxAttempts()), webhooks.pollInterval(),
                webhooks.timeout(), DELIVERIES_PER_ROUND, Schedulers.parallel(),
                (event, outcome) -> registry.counter("firstbyte.webhooks.deliveries", "event", event,
                        "outcome", outcome.name().toLowerCase(Locale.ROOT).replace('_', '-')).increment());
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> webhookSenderStart(WebhookSender webhookSender) {
        return ready -> webhookSender.start();
    }

    @Bean
    BookingEvents bookingEvents(DatabaseClient bookingDatabaseClient, WebhookSender webhookSender) {
        return new BookingEvents(bookingDatabaseClient, webhookSender::nudge);
    }
}
