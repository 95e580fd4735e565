package io.firstbyte.adapters.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import reactor.core.CorePublisher;

/** The rules of the adapters module that can be checked on its bytecode (style.md, "Tests"). */
class AdaptersArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.firstbyte.adapters");

    private static final DescribedPredicate<JavaMethodCall> BLOCKING_REACTOR_CALL = DescribedPredicate.describe(
            "a blocking Reactor call (block*, toIterable, toStream)",
            call -> call.getTargetOwner().isAssignableTo(CorePublisher.class)
                    && call.getName().matches("block.*|toIterable|toStream"));

    static final ArchRule NEVER_BLOCKS_ON_REACTOR = noClasses().should().callMethodWhere(BLOCKING_REACTOR_CALL)
            .because("a blocked event-loop thread stalls every call it serves");

    static final ArchRule KNOWS_NO_SPRING = noClasses().should().dependOnClassesThat()
            .resideInAPackage("org.springframework..")
            .because("only the app module knows Spring");

    static final ArchRule KNOWS_NOT_THE_APP = noClasses().should().dependOnClassesThat()
            .resideInAPackage("io.firstbyte.app..")
            .because("adapters depend on the pipeline only");

    static final ArchRule DRAWS_NO_SECURE_RANDOM_UUIDS = noClasses().should().callMethod(java.util.UUID.class, "randomUUID")
            .because("its SecureRandom reads the entropy source, a blocking call, and codecs run on event loops (use CallIds)");

    @Test
    void mainCodeDrawsNoSecureRandomUuids() {
        DRAWS_NO_SECURE_RANDOM_UUIDS.check(MAIN);
    }

    @Test
    void uuidRuleCatchesRandomUuid() {
        JavaClasses fixture = new ClassFileImporter().importClasses(RandomUuidFixture.class);

        assertThatThrownBy(() -> DRAWS_NO_SECURE_RANDOM_UUIDS.check(fixture)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("UUID.randomUUID()");
    }

    static final class RandomUuidFixture {
        String id() {
            return java.util.UUID.randomUUID().toString();
        }
    }

    @Test
    void mainCodeNeverBlocksOnReactor() {
        NEVER_BLOCKS_ON_REACTOR.check(MAIN);
    }

    @Test
    void mainCodeDependsOnNoSpring() {
        KNOWS_NO_SPRING.check(MAIN);
    }

    @Test
    void mainCodeDependsNotOnTheApp() {
        KNOWS_NOT_THE_APP.check(MAIN);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.firstbyte.adapters.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void blockingRuleCatchesEachBlockingCall() {
        JavaClasses fixture = new ClassFileImporter().importClasses(BlockingFixture.class);

        assertThatThrownBy(() -> NEVER_BLOCKS_ON_REACTOR.check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Mono.block()")
                .hasMessageContaining("Flux.blockFirst()")
                .hasMessageContaining("Flux.toIterable()")
                .hasMessageContaining("Flux.toStream()");
    }
}
