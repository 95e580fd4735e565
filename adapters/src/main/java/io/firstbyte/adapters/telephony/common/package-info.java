/** What the telephony dialects share: drop accounting, lenient JSON reads, audio conversion at the edge. */
@NullMarked
package io.firstbyte.adapters.telephony.common;

import org.jspecify.annotations.NullMarked;
