/** Shared behaviour of the fake speech servers: deterministic audio, latency and failure modes. */
@NullMarked
package io.firstbyte.adapters.tts.fake;

import org.jspecify.annotations.NullMarked;
