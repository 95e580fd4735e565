package io.firstbyte.app.embedded;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Seeds one salon (three staff, four services, Tuesday to Saturday hours with lunch breaks and a
 * few bookings on the coming days) idempotently over JDBC: running it again changes nothing except
 * adding the bookings of days that came into range. Ids derive from the tenant id, so reruns match.
 */
public final class SalonSeed {

    /** One salon to seed. */
    public record Salon(UUID tenantId, String name, String timeZone, String phoneNumber, String apiKey) {
    }

    private record Staff(String name, int startHour, int endHour, LocalTime lunch, List<String> services) {
    }

    private record Service(String name, int minutes, int bufferAfter, int priceCents) {
    }

    private record Booking(String staff, String service, LocalTime start, String customer) {
    }

    private static final List<Service> SERVICES = List.of(
            new Service("Haircut", 30, 0, 4500), new Service("Colour", 90, 10, 12000),
            new Service("Beard trim", 20, 0, 2000), new Service("Blow-dry", 45, 0, 3500));
    private static final List<Staff> STAFF = List.of(
            new Staff("Anna", 9, 17, LocalTime.of(12, 30), List.of("Haircut", "Colour", "Blow-dry")),
            new Staff("Ben", 10, 18, LocalTime.of(13, 0), List.of("Haircut", "Beard trim")),
            new Staff("Carla", 9, 18, LocalTime.of(12, 0), List.of("Haircut", "Colour", "Beard trim", "Blow-dry")));
    private static final List<Booking> DAILY = List.of(
            new Booking("Anna", "Haircut", LocalTime.of(10, 0), "Maria Lopez"),
            new Booking("Ben", "Beard trim", LocalTime.of(14, 0), "James Carter"),
            new Booking("Carla", "Colour", LocalTime.of(14, 0), "Sofia Rossi"),
            new Booking("Anna", "Blow-dry", LocalTime.of(15, 30), "Grace Kim"));
    private static final int BOOKED_DAYS = 10;

    private SalonSeed() {
    }

    public static void seed(Connection connection, Salon salon, LocalDate today) throws SQLException {
        connection.setAutoCommit(true);
        upsertTenant(connection, salon);
        for (Service service : SERVICES) {
            execute(connection, """
                    insert into service (tenant_id, id, name, duration_minutes, buffer_after_minutes, price_cents)
                    values (?, ?, ?, ?, ?, ?) on conflict do nothing""",
                    salon.tenantId(), id(salon, "service", service.name()), service.name(), service.minutes(),
                    service.bufferAfter(), service.priceCents());
        }
        for (Staff staff : STAFF) {
            seedStaff(connection, salon, staff);
        }
        ZoneId zone = ZoneId.of(salon.timeZone());
        for (int offset = 0; offset < BOOKED_DAYS; offset++) {
            seedBookings(connection, salon, zone, today.plusDays(offset));
        }
    }

    public static UUID id(Salon salon, String kind, String name) {
        return UUID.nameUUIDFromBytes((salon.tenantId() + ":" + kind + ":" + name).getBytes(StandardCharsets.UTF_8));
    }

    /** How a seeded key is named in lists and revocations (it has no prefix of its own). */
    public static String seedPrefix(byte[] digest) {
        return "seed-" + java.util.HexFormat.of().formatHex(digest, 0, 4);
    }

    public static byte[] apiKeyDigest(String apiKey) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void upsertTenant(Connection connection, Salon salon) throws SQLException {
        execute(connection, "insert into tenant (id, name, time_zone) values (?, ?, ?) on conflict do nothing",
                salon.tenantId(), salon.name(), salon.timeZone());
        execute(connection, "insert into tenant_phone_number (e164, tenant_id) values (?, ?) on conflict do nothing",
                salon.phoneNumber(), salon.tenantId());
        if (!salon.apiKey().isEmpty()) {
            byte[] digest = apiKeyDigest(salon.apiKey());
            execute(connection, "insert into tenant_api_key (key_sha256, tenant_id, label, prefix) values (?, ?, 'seed', ?) "
                    + "on conflict do nothing", digest, salon.tenantId(), seedPrefix(digest));
        }
    }

    private static void seedStaff(Connection connection, Salon salon, Staff staff) throws SQLException {
        UUID staffId = id(salon, "staff", staff.name());
        if (execute(connection, "insert into staff (tenant_id, id, name) values (?, ?, ?) on conflict do nothing",
                salon.tenantId(), staffId, staff.name()) == 0) {
            return;
        }
        for (String service : staff.services()) {
            execute(connection, "insert into staff_service values (?, ?, ?) on conflict do nothing",
                    salon.tenantId(), staffId, id(salon, "service", service));
        }
        for (DayOfWeek day : List.of(DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY, DayOfWeek.SATURDAY)) {
            execute(connection, "insert into working_hours values (?, ?, ?, ?, ?)", salon.tenantId(), staffId,
                    (short) day.getValue(), Time.valueOf(LocalTime.of(staff.startHour(), 0)),
                    Time.valueOf(LocalTime.of(staff.endHour(), 0)));
            execute(connection, "insert into staff_break values (?, ?, ?, ?, ?)", salon.tenantId(), staffId,
                    (short) day.getValue(), Time.valueOf(staff.lunch()), Time.valueOf(staff.lunch().plusHours(1)));
        }
    }

    private static void seedBookings(Connection connection, Salon salon, ZoneId zone, LocalDate day) throws SQLException {
        if (day.getDayOfWeek() == DayOfWeek.SUNDAY || day.getDayOfWeek() == DayOfWeek.MONDAY) {
            return;
        }
        int added = 0;
        for (int i = 0; i < DAILY.size(); i++) {
            Booking booking = DAILY.get(i);
            Service service = SERVICES.stream().filter(s -> s.name().equals(booking.service())).findFirst().orElseThrow();
            ZonedDateTime start = ZonedDateTime.of(day, booking.start(), zone);
            ZonedDateTime end = start.plusMinutes(service.minutes());
            added += insertBooking(connection, salon, booking, service, start, end, "seed:" + day + ":" + i);
        }
        if (added > 0) {
            execute(connection, """
                    insert into availability_version (tenant_id, day) values (?, ?)
                    on conflict (tenant_id, day) do update set version = availability_version.version + 1""",
                    salon.tenantId(), Date.valueOf(day));
        }
    }

    private static int insertBooking(Connection connection, Salon salon, Booking booking, Service service,
                                     ZonedDateTime start, ZonedDateTime end, String key) throws SQLException {
        try {
            return execute(connection, """
                    insert into appointment (tenant_id, staff_id, service_id, customer_name, customer_phone,
                        starts_at, ends_at, blocked_from, blocked_until, idempotency_key)
                    values (?, ?, ?, ?, null, ?, ?, ?, ?, ?)
                    on conflict (tenant_id, idempotency_key) where idempotency_key is not null do nothing""",
                    salon.tenantId(), id(salon, "staff", booking.staff()), id(salon, "service", booking.service()),
                    booking.customer(), Timestamp.from(start.toInstant()), Timestamp.from(end.toInstant()),
                    Timestamp.from(start.toInstant()),
                    Timestamp.from(end.plusMinutes(service.bufferAfter()).toInstant()), key);
        } catch (SQLException e) {
            if ("23P01".equals(e.getSQLState())) {
                return 0; // a real booking already holds that time: keep it
            }
            throw e;
        }
    }

    private static int execute(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            return statement.executeUpdate();
        }
    }
}
