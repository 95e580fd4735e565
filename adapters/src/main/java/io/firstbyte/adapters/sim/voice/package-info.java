/** A small source-filter synthesiser that makes speech-like audio for the simulated text-to-speech. */
@NullMarked
package io.firstbyte.adapters.sim.voice;

import org.jspecify.annotations.NullMarked;
