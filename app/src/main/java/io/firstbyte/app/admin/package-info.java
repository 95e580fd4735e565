/** The admin API under /admin: businesses, their services, staff, hours, numbers and API keys, and their bookings. */
@NullMarked
package io.firstbyte.app.admin;

import org.jspecify.annotations.NullMarked;
