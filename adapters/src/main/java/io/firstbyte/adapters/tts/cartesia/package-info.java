/** Cartesia streaming TTS over its WebSocket protocol, one context per answer. */
@NullMarked
package io.firstbyte.adapters.tts.cartesia;

import org.jspecify.annotations.NullMarked;
