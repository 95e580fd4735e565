/** The booking-API load client: latency percentiles under concurrency, warm and cold cache, first lookup of a call. */
@NullMarked
package io.firstbyte.bench.booking;

import org.jspecify.annotations.NullMarked;
