/** The text-to-speech stage interface. */
@NullMarked
package io.firstbyte.pipeline.tts;

import org.jspecify.annotations.NullMarked;
