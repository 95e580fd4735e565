/** Asterisk AudioSocket over TCP: the incremental frame decoder, the frame encoder and the codec. */
@NullMarked
package io.firstbyte.adapters.telephony.asterisk.audiosocket;

import org.jspecify.annotations.NullMarked;
