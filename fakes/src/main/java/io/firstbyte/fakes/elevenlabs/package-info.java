/** A local ElevenLabs stream-input WebSocket server, for tests and benchmarks. */
@NullMarked
package io.firstbyte.fakes.elevenlabs;

import org.jspecify.annotations.NullMarked;
