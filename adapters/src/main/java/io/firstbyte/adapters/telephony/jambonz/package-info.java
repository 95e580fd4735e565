/** jambonz {@code listen}: the codec for its bidirectional streaming audio WebSocket. */
@NullMarked
package io.firstbyte.adapters.telephony.jambonz;

import org.jspecify.annotations.NullMarked;
