/** Twilio's voice webhook, its signature checks and single-use call tokens. */
@NullMarked
package io.firstbyte.app.web.twilio;

import org.jspecify.annotations.NullMarked;
