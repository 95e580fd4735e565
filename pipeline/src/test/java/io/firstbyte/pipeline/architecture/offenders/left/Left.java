package io.firstbyte.pipeline.architecture.offenders.left;

import io.firstbyte.pipeline.architecture.offenders.right.Right;

/** Depends on {@link Right}, which depends back on this package. */
public final class Left {

    public Right partner() {
        return new Right();
    }
}
