/** Provider guards: first-result and gap timeouts, a circuit breaker per provider, retries before the first result, and failover lists per stage. */
@NullMarked
package io.firstbyte.adapters.guard;

import org.jspecify.annotations.NullMarked;
