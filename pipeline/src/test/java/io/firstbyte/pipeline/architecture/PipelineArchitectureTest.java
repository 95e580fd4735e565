package io.firstbyte.pipeline.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The pipeline's main code: no Spring, no Netty, no sockets or HTTP clients, no blocking Reactor
 * calls, no cycles between its packages. Cycles are checked package by package, so
 * {@code audio.vad -> event -> audio} is allowed while {@code audio -> event -> audio} would not be.
 */
@AnalyzeClasses(packages = "io.firstbyte.pipeline", importOptions = ImportOption.DoNotIncludeTests.class)
class PipelineArchitectureTest {

    @ArchTest
    static final ArchRule pipelineDependsOnNoSpring = PipelineRules.NO_SPRING;

    @ArchTest
    static final ArchRule pipelineDependsOnNoNetty = PipelineRules.NO_NETTY;

    @ArchTest
    static final ArchRule pipelineOpensNoSocketsAndUsesNoHttpClient = PipelineRules.NO_SOCKETS_OR_HTTP_CLIENTS;

    @ArchTest
    static final ArchRule pipelineNeverBlocksOnAPublisher = PipelineRules.NO_BLOCKING_REACTOR_CALLS;

    @ArchTest
    static final ArchRule pipelinePackagesHaveNoCycles = PipelineRules.NO_PACKAGE_CYCLES;
}
