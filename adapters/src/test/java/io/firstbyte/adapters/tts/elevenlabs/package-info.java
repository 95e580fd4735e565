/** ElevenLabs stream-input tests against the fake. */
@NullMarked
package io.firstbyte.adapters.tts.elevenlabs;

import org.jspecify.annotations.NullMarked;
