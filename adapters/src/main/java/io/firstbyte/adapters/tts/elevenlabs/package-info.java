/** ElevenLabs stream-input TTS over its WebSocket protocol. */
@NullMarked
package io.firstbyte.adapters.tts.elevenlabs;

import org.jspecify.annotations.NullMarked;
