/** Asterisk chan_websocket (and ARI External Media over WebSocket): the media codec. */
@NullMarked
package io.firstbyte.adapters.telephony.asterisk;

import org.jspecify.annotations.NullMarked;
