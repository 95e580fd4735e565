package io.firstbyte.app.embedded;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data seeded at start-up: the demo salon answering on {@value #DEMO_NUMBER} and, for load
 * tests, N synthetic salons answering on +1555020NNNN with API keys {@code synthetic-key-N}.
 * Blocking JDBC, run once before serving.
 */
public final class StartupSeed {

    public static final String DEMO_TENANT_ID = "0d3e5a10-0000-4000-a000-000000000001";
    public static final String DEMO_NUMBER = "+15550100100";
    public static final String DEMO_TIME_ZONE = "America/New_York";
    private static final Logger log = LoggerFactory.getLogger(StartupSeed.class);

    private StartupSeed() {
    }

    public static SalonSeed.Salon demo(String apiKey) {
        return new SalonSeed.Salon(UUID.fromString(DEMO_TENANT_ID), "Firstbyte Demo Salon", DEMO_TIME_ZONE,
                DEMO_NUMBER, apiKey);
    }

    public static SalonSeed.Salon synthetic(int n) {
        UUID id = UUID.nameUUIDFromBytes(("firstbyte-synthetic-" + n).getBytes(StandardCharsets.UTF_8));
        return new SalonSeed.Salon(id, "Synthetic Salon " + n, n % 2 == 0 ? "America/New_York" : "Europe/Berlin",
                "+1555020%04d".formatted(n), "synthetic-key-" + n);
    }

    public static void run(DatabaseAddress database, boolean demo, String demoApiKey, int synthetic, Clock clock) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
            if (demo) {
                SalonSeed.seed(connection, demo(demoApiKey), today(clock, DEMO_TIME_ZONE));
            }
            for (int n = 1; n <= synthetic; n++) {
                SalonSeed.Salon salon = synthetic(n);
                SalonSeed.seed(connection, salon, today(clock, salon.timeZone()));
            }
            log.info("seeded: demo salon {}, {} synthetic salons", demo ? "yes" : "no", synthetic);
        } catch (SQLException e) {
            throw new IllegalStateException("seeding the booking data failed: " + e.getMessage(), e);
        }
    }

    /**
     * In production: warns when the demo API key (published in the README) still opens {@code /api}, in
     * a database that was once used in development, and says how to revoke it.
     */
    public static void warnIfDemoKeyWorks(DatabaseAddress database, String demoApiKey) {
        if (demoApiKey.isEmpty()) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             var query = connection.prepareStatement("select tenant_id, prefix from tenant_api_key where key_sha256 = ? "
                     + "and revoked_at is null")) {
            query.setBytes(1, SalonSeed.apiKeyDigest(demoApiKey));
            try (var rows = query.executeQuery()) {
                if (rows.next()) {
                    log.warn("the demo API key (DEMO_API_KEY, published in the README) opens /api for business {}: revoke it "
                            + "with DELETE /admin/businesses/{}/api-keys/{}", rows.getString(1), rows.getString(1), rows.getString(2));
                }
            }
        } catch (SQLException e) {
            log.warn("could not check for the demo API key: {}", e.getMessage());
        }
    }

    private static LocalDate today(Clock clock, String zone) {
        return LocalDate.now(clock.withZone(ZoneId.of(zone)));
    }
}
