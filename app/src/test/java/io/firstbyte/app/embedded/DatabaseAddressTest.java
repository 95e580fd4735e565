package io.firstbyte.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseAddressTest {

    @Test
    void herokuStyleUrlsCarryUserAndPassword() {
        DatabaseAddress address = DatabaseAddress.parse("postgres://app:s%40cret@db.internal:6543/bookings?sslmode=require");

        assertThat(address).isEqualTo(new DatabaseAddress("db.internal", 6543, "bookings", "app", "s@cret", "require"));
        assertThat(address.toString()).doesNotContain("s@cret");
    }

    @Test
    void r2dbcAndJdbcFormsAreAcceptedToo() {
        assertThat(DatabaseAddress.parse("r2dbc:postgresql://u:p@localhost/db").port()).isEqualTo(5432);
        DatabaseAddress jdbc = DatabaseAddress.parse("jdbc:postgresql://127.0.0.1:5432/db?user=u&password=p");
        assertThat(jdbc.user()).isEqualTo("u");
        assertThat(jdbc.password()).isEqualTo("p");
        assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/db?sslmode=disable");
    }

    @Test
    void otherSchemesAreRefused() {
        assertThatThrownBy(() -> DatabaseAddress.parse("mysql://x/y")).isInstanceOf(IllegalArgumentException.class);
    }
}
