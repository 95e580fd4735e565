package io.firstbyte.pipeline.architecture.offenders.right;

import io.firstbyte.pipeline.architecture.offenders.left.Left;

/** Depends on {@link Left}, closing the cycle. */
public final class Right {

    public Left partner() {
        return new Left();
    }
}
