package io.firstbyte.pipeline.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLConnection;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;

/** The pipeline's architecture rules, kept apart from the test that applies them so they can be tried on offenders. */
final class PipelineRules {

    static final String PIPELINE = "io.firstbyte.pipeline..";

    private static final Set<String> BLOCKING_REACTOR_METHODS =
            Set.of("block", "blockFirst", "blockLast", "blockOptional", "toIterable", "toStream");

    static final ArchRule NO_SPRING = noClasses().that().resideInAPackage(PIPELINE)
            .should().dependOnClassesThat().resideInAPackage("org.springframework..")
            .because("the pipeline is a library for any host; only app knows Spring");

    static final ArchRule NO_NETTY = noClasses().that().resideInAPackage(PIPELINE)
            .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "reactor.netty..")
            .because("the pipeline does no I/O of its own; transports live in adapters and app");

    static final ArchRule NO_SOCKETS_OR_HTTP_CLIENTS = noClasses().that().resideInAPackage(PIPELINE)
            .should().dependOnClassesThat(resideInAPackage("java.net.http..")
                    .or(assignableTo(Socket.class)).or(assignableTo(ServerSocket.class))
                    .or(assignableTo(DatagramSocket.class)).or(assignableTo(URLConnection.class))
                    .or(assignableTo(SocketChannel.class)).or(assignableTo(ServerSocketChannel.class))
                    .or(assignableTo(AsynchronousSocketChannel.class)).or(assignableTo(DatagramChannel.class))
                    .as("sockets or HTTP clients"))
            .because("the pipeline does no I/O of its own; transports live in adapters and app");

    static final ArchRule NO_BLOCKING_REACTOR_CALLS = noClasses().that().resideInAPackage(PIPELINE)
            .should().callMethodWhere(describe("a blocking Reactor method " + BLOCKING_REACTOR_METHODS,
                    PipelineRules::isBlockingReactorCall))
            .because("a blocked event-loop thread stalls every call it serves");

    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.firstbyte.pipeline.(**)")
            .should().beFreeOfCycles();

    private PipelineRules() {
    }

    private static boolean isBlockingReactorCall(JavaMethodCall call) {
        return call.getTargetOwner().getPackageName().startsWith("reactor.core.publisher")
                && BLOCKING_REACTOR_METHODS.contains(call.getName());
    }
}
