/** Voice activity detection: the adaptive detector that holds on a noisy line, and the fixed-threshold energy one. */
@NullMarked
package io.firstbyte.pipeline.audio.vad;

import org.jspecify.annotations.NullMarked;
