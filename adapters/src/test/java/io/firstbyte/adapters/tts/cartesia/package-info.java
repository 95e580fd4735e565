/** Cartesia TTS tests against the fake. */
@NullMarked
package io.firstbyte.adapters.tts.cartesia;

import org.jspecify.annotations.NullMarked;
