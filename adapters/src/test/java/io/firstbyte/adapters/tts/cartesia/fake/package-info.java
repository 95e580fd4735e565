/** A local Cartesia TTS WebSocket server, for tests. */
@NullMarked
package io.firstbyte.adapters.tts.cartesia.fake;

import org.jspecify.annotations.NullMarked;
