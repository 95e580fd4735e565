/** Pure availability rules: working hours minus breaks and busy times, on a slot grid, in the tenant's zone. */
@NullMarked
package io.firstbyte.app.booking.rules;

import org.jspecify.annotations.NullMarked;
