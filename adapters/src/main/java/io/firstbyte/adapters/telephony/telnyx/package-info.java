/** Telnyx Media Streaming: the media codec (snake_case JSON, reordered media, RTP payloads). */
@NullMarked
package io.firstbyte.adapters.telephony.telnyx;

import org.jspecify.annotations.NullMarked;
