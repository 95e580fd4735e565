/** Where the stores are: URL parsing, the embedded PostgreSQL and Redis, migrations and seed data at start-up. */
@NullMarked
package io.firstbyte.app.embedded;

import org.jspecify.annotations.NullMarked;
