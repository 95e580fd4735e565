/** Simulated speech-to-text, language model and text-to-speech providers with realistic latency profiles. */
@NullMarked
package io.firstbyte.adapters.sim;

import org.jspecify.annotations.NullMarked;
