/** The advisory Redis cache of free slots, request coalescing and in-process memos. */
@NullMarked
package io.firstbyte.app.booking.cache;

import org.jspecify.annotations.NullMarked;
