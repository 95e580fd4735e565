/** Tests of the shared HTTP and WebSocket plumbing. */
@NullMarked
package io.firstbyte.adapters.http;

import org.jspecify.annotations.NullMarked;
