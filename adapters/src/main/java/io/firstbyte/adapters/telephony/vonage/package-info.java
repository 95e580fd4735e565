/** Vonage Voice API WebSockets: the codec for a {@code connect} action's websocket endpoint (L16 both ways). */
@NullMarked
package io.firstbyte.adapters.telephony.vonage;

import org.jspecify.annotations.NullMarked;
