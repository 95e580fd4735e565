/** The energy-based voice activity detector. */
@NullMarked
package io.firstbyte.pipeline.audio.vad;

import org.jspecify.annotations.NullMarked;
