/** Deepgram Aura streaming TTS over its speak WebSocket protocol. */
@NullMarked
package io.firstbyte.adapters.tts.deepgram;

import org.jspecify.annotations.NullMarked;
