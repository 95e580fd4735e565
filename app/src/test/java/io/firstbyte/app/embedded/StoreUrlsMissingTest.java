package io.firstbyte.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.firstbyte.app.config.StoreProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

class StoreUrlsMissingTest {

    /** Sees the JDK only, as the container image's class path sees no embedded PostgreSQL or Redis. */
    private static final ClassLoader WITHOUT_EMBEDDED_STORES = ClassLoader.getPlatformClassLoader();

    @Test
    void withoutEmbeddedStoresBothBlankUrlsAreNamedInOneMessage() {
        StoreUrlsMissing missing = catchThrowableOfType(StoreUrlsMissing.class,
                () -> StoreUrlsMissing.check(stores("", ""), WITHOUT_EMBEDDED_STORES));

        assertThat(missing.variables()).containsExactly("DATABASE_URL", "REDIS_URL");
        assertThat(missing.getMessage()).isEqualTo("DATABASE_URL and REDIS_URL are not set, and this build has no"
                + " embedded PostgreSQL or Redis to start instead (the container image never has one)");
    }

    @Test
    void withoutEmbeddedStoresOnlyTheBlankUrlIsNamed() {
        StoreUrlsMissing missing = catchThrowableOfType(StoreUrlsMissing.class,
                () -> StoreUrlsMissing.check(stores("postgres://db:5432/firstbyte", ""), WITHOUT_EMBEDDED_STORES));

        assertThat(missing.variables()).containsExactly("REDIS_URL");
        assertThat(missing.getMessage()).startsWith("REDIS_URL is not set, and this build has no embedded Redis");
    }

    @Test
    void withoutEmbeddedStoresBothUrlsSetStart() {
        assertThatCode(() -> StoreUrlsMissing.check(stores("postgres://db:5432/firstbyte", "redis://cache:6379"),
                WITHOUT_EMBEDDED_STORES)).doesNotThrowAnyException();
    }

    @Test
    void theRunnableJarStartsItsEmbeddedStoresWhenUrlsAreBlank() {
        assertThatCode(() -> StoreUrlsMissing.check(stores("", ""), StoreUrlsMissingTest.class.getClassLoader()))
                .doesNotThrowAnyException();
    }

    @Test
    void springBootReportsItAsOneDescriptionAndActionInsteadOfAStackTrace() {
        StoreUrlsMissing missing = catchThrowableOfType(StoreUrlsMissing.class,
                () -> StoreUrlsMissing.check(stores("", ""), WITHOUT_EMBEDDED_STORES));
        var registered = SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class, null,
                SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> { }));
        assertThat(registered).hasAtLeastOneElementOfType(StoreUrlsMissingAnalyzer.class);
        FailureAnalyzer analyzer = new StoreUrlsMissingAnalyzer();

        FailureAnalysis analysis = analyzer.analyze(new BeanCreationException("bookingStoreEndpoints", "failed", missing));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).isEqualTo(missing.getMessage()).doesNotContain("\n");
        assertThat(analysis.getAction()).isEqualTo(
                "Set DATABASE_URL=postgres://user:password@host:5432/database and REDIS_URL=redis://host:6379.");
    }

    private static StoreProperties stores(String databaseUrl, String redisUrl) {
        return new StoreProperties(new StoreProperties.Database(databaseUrl, 0, null, null, null),
                new StoreProperties.Redis(redisUrl, null, null, null, null), null);
    }
}
