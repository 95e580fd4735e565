/**
 * Plivo: the Audio Streams codec (playAudio, checkpoint, clearAudio) and its extraHeaders, and the hand-over
 * of a call: the Voice API's call transfer, the V3 signature of Plivo's requests, and the XML that answers them.
 */
@NullMarked
package io.firstbyte.adapters.telephony.plivo;

import org.jspecify.annotations.NullMarked;
