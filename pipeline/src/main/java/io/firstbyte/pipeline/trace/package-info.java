/** Per-turn latency trace. */
@NullMarked
package io.firstbyte.pipeline.trace;

import org.jspecify.annotations.NullMarked;
