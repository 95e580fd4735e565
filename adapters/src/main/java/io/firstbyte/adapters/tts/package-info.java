/** Text-to-speech provider clients and the per-answer clause bookkeeping they share. */
@NullMarked
package io.firstbyte.adapters.tts;

import org.jspecify.annotations.NullMarked;
