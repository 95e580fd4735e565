/** Deepgram live STT tests against the fake. */
@NullMarked
package io.firstbyte.adapters.stt.deepgram;

import org.jspecify.annotations.NullMarked;
