/** The speech-to-text stage interface. */
@NullMarked
package io.firstbyte.pipeline.stt;

import org.jspecify.annotations.NullMarked;
