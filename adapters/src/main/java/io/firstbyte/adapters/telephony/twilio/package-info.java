/** Twilio Media Streams: the media codec, the webhook signature check and the TwiML answer. */
@NullMarked
package io.firstbyte.adapters.telephony.twilio;

import org.jspecify.annotations.NullMarked;
