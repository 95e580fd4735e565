package io.firstbyte.adapters.guard;

import io.firstbyte.pipeline.event.TtsAudio;
import io.firstbyte.pipeline.tts.Clause;
import java.time.Duration;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * When speech is due: the first audio within the timeout of the first clause (not of the request:
 * the model may think for seconds before the first clause exists), and after a clause's last
 * chunk, nothing until the next clause has been given. Inside a clause, chunks are due within the gap.
 */
final class ClauseDeadlines implements Deadlines<TtsAudio> {

    private final Flux<Clause> clauses;

    ClauseDeadlines(Flux<Clause> clauses) {
        this.clauses = clauses;
    }

    @Override
    public Publisher<?> first(Duration timeout, Scheduler scheduler) {
        return clauses.next().then(Mono.delay(timeout, scheduler));
    }

    @Override
    public Publisher<?> after(TtsAudio result, Duration gap, Scheduler scheduler) {
        if (!result.lastOfClause()) {
            return Mono.delay(gap, scheduler);
        }
        return clauses.filter(clause -> clause.index() > result.clauseIndex()).next().then(Mono.delay(gap, scheduler));
    }
}
