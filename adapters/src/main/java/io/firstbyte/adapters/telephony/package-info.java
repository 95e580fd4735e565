/** Telephony gateways: one transport codec per media-stream dialect, plus its call set-up helpers. */
@NullMarked
package io.firstbyte.adapters.telephony;

import org.jspecify.annotations.NullMarked;
