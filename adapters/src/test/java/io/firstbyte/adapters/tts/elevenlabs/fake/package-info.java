/** A local ElevenLabs stream-input WebSocket server, for tests. */
@NullMarked
package io.firstbyte.adapters.tts.elevenlabs.fake;

import org.jspecify.annotations.NullMarked;
