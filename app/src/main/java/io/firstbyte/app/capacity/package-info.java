/** Which calls this instance takes: the per-instance cap, draining on shutdown, and how each entry point refuses. */
@NullMarked
package io.firstbyte.app.capacity;

import org.jspecify.annotations.NullMarked;
