/** Deepgram live speech-to-text over its WebSocket protocol. */
@NullMarked
package io.firstbyte.adapters.stt.deepgram;

import org.jspecify.annotations.NullMarked;
