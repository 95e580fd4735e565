/** The {@code fakes} command: the fake provider servers at chosen latencies, for measuring the server with "real" providers. */
@NullMarked
package io.firstbyte.bench.fakes;

import org.jspecify.annotations.NullMarked;
