/** Plivo Audio Streams: the media codec (playAudio, checkpoint, clearAudio) and its extraHeaders. */
@NullMarked
package io.firstbyte.adapters.telephony.plivo;

import org.jspecify.annotations.NullMarked;
