/** What the phone agent is told at call start: the business, today's date and time in its zone, its hours, services and rules. */
@NullMarked
package io.firstbyte.app.agent;

import org.jspecify.annotations.NullMarked;
