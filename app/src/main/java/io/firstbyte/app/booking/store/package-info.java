/** PostgreSQL over R2DBC: the catalog, busy times, versions and appointments, every query scoped by tenant. */
@NullMarked
package io.firstbyte.app.booking.store;

import org.jspecify.annotations.NullMarked;
