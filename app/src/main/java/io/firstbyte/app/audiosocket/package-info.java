/** The Asterisk AudioSocket TCP listener: one call pipeline per connection, tenants found through registered call UUIDs. */
@NullMarked
package io.firstbyte.app.audiosocket;

import org.jspecify.annotations.NullMarked;
