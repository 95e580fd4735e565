package io.firstbyte.app.call;

import java.util.Optional;
import reactor.core.Disposable;
import reactor.core.Disposables;

/** Lets a call start, or not: the place it takes, released when the call ends; empty when there is none left. */
@FunctionalInterface
public interface StartGate {

    Optional<Disposable> tryStart();

    /** Every call starts. */
    static StartGate open() {
        return () -> Optional.of(Disposables.single());
    }
}
