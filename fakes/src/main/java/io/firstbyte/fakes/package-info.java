/**
 * Local fake provider servers (Deepgram listen and Aura speak, an OpenAI-compatible Chat Completions
 * server, Cartesia, ElevenLabs) that speak each documented wire protocol with configurable timing
 * and failures. The adapters' tests, the app's end-to-end tests and the bench's {@code fakes}
 * command use them; nothing in the server depends on them.
 */
@NullMarked
package io.firstbyte.fakes;

import org.jspecify.annotations.NullMarked;
