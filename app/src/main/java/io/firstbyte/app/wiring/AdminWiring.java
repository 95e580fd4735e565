package io.firstbyte.app.wiring;

import io.firstbyte.app.admin.AdminApi;
import io.firstbyte.app.booking.CatalogSource;
import io.firstbyte.app.config.BookingProperties;
import io.firstbyte.app.tenant.CredentialCipher;
import io.firstbyte.app.tenant.TenantDirectory;
import io.firstbyte.app.tenant.WebhookSecrets;
import io.firstbyte.app.web.openapi.OpenApiDocument;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The admin API's routes ({@code /admin/**}; the security layer opens them to {@code ADMIN_TOKEN}). A
 * change forgets the business's catalog, numbers and keys on this instance as soon as it commits; the
 * other instances hear it from PostgreSQL ({@code tenant_revision}).
 */
@Configuration(proxyBeanMethods = false)
public class AdminWiring {

    /** {@code GET /openapi.json} and {@code /openapi.yaml}: open to anyone, they describe routes and hold no data. */
    @Bean
    RouterFunction<ServerResponse> openApiRoutes() {
        return OpenApiDocument.load().routes();
    }

    @Bean
    WebhookSecrets webhookSecrets(BookingProperties properties) {
        String key = properties.credentialsKey();
        return new WebhookSecrets(key.isEmpty() ? null : new CredentialCipher(key));
    }

    @Bean
    RouterFunction<ServerResponse> adminRoutes(DatabaseClient bookingDatabaseClient, TransactionalOperator bookingTransactions,
                                               WebhookSecrets webhookSecrets, CatalogSource bookingCatalogs,
                                               TenantDirectory tenantDirectory, ObjectProvider<Clock> clocks) {
        return new AdminApi(bookingDatabaseClient, bookingTransactions, webhookSecrets, clocks.getIfUnique(Clock::systemUTC),
                tenant -> {
                    bookingCatalogs.evict(tenant.toString());
                    tenantDirectory.forget(tenant.toString());
                }).routes();
    }
}
