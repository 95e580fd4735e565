/** Shared behaviour of the fake speech servers: deterministic audio, latency and failure modes. */
@NullMarked
package io.firstbyte.fakes.voice;

import org.jspecify.annotations.NullMarked;
