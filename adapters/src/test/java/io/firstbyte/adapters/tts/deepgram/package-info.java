/** Deepgram Aura tests against the fake. */
@NullMarked
package io.firstbyte.adapters.tts.deepgram;

import org.jspecify.annotations.NullMarked;
