/** A local Deepgram Aura speak WebSocket server, for tests. */
@NullMarked
package io.firstbyte.adapters.tts.deepgram.fake;

import org.jspecify.annotations.NullMarked;
