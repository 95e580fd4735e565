/** A local Deepgram Aura speak WebSocket server, for tests and benchmarks. */
@NullMarked
package io.firstbyte.fakes.aura;

import org.jspecify.annotations.NullMarked;
