package io.firstbyte.app.booking;

import io.firstbyte.app.embedded.DatabaseAddress;
import io.firstbyte.app.embedded.Migrations;
import io.firstbyte.app.embedded.StartupSeed;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A private database on the machine's PostgreSQL (127.0.0.1:5432, user postgres) for one test
 * class: created, migrated and seeded (the demo salon and synthetic salon 1), then dropped.
 */
public final class ItDatabase implements AutoCloseable {

    private static final DatabaseAddress SERVER = DatabaseAddress.parse(
            System.getenv().getOrDefault("FIRSTBYTE_IT_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres"));

    private final DatabaseAddress address;

    private ItDatabase(DatabaseAddress address) {
        this.address = address;
    }

    public static ItDatabase create(Clock clock) {
        String name = "firstbyte_it_" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        admin("create database " + name);
        DatabaseAddress address = SERVER.withDatabase(name);
        Migrations.apply(address);
        StartupSeed.run(address, true, "demo-salon-key", 1, clock);
        return new ItDatabase(address);
    }

    /** An empty database, not even migrated: the server under test starts from nothing. */
    public static ItDatabase bare() {
        String name = "firstbyte_it_" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        admin("create database " + name);
        return new ItDatabase(SERVER.withDatabase(name));
    }

    public DatabaseAddress address() {
        return address;
    }

    public String url() {
        return "postgres://" + address.user() + "@" + address.host() + ":" + address.port() + "/" + address.database();
    }

    public void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(address.jdbcUrl(), address.user(), address.password())) {
            connection.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        admin("drop database if exists " + address.database() + " with (force)");
    }

    private static void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER.jdbcUrl(), SERVER.user(), SERVER.password())) {
            connection.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database: " + e.getMessage(), e);
        }
    }
}
