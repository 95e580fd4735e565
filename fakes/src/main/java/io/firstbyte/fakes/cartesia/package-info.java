/** A local Cartesia TTS WebSocket server, for tests and benchmarks. */
@NullMarked
package io.firstbyte.fakes.cartesia;

import org.jspecify.annotations.NullMarked;
