/** Audio values: PCM16 helpers, G.711 codecs, resampling and 20 ms framing. */
@NullMarked
package io.firstbyte.pipeline.audio;

import org.jspecify.annotations.NullMarked;
