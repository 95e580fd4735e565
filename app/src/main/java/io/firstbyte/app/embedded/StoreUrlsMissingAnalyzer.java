package io.firstbyte.app.embedded;

import java.util.List;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports {@link StoreUrlsMissing} as Spring Boot's start-up failure message (registered in META-INF/spring.factories). */
public final class StoreUrlsMissingAnalyzer extends AbstractFailureAnalyzer<StoreUrlsMissing> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StoreUrlsMissing cause) {
        List<String> examples = cause.variables().stream()
                .map(variable -> variable + (variable.equals("DATABASE_URL")
                        ? "=postgres://user:password@host:5432/database" : "=redis://host:6379"))
                .toList();
        return new FailureAnalysis(cause.getMessage(), "Set " + String.join(" and ", examples) + ".", cause);
    }
}
