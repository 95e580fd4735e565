/** Booking tools as webhooks in the formats Vapi and Retell send (POST /tools/vapi, /tools/retell). */
@NullMarked
package io.firstbyte.app.web.tools;

import org.jspecify.annotations.NullMarked;
