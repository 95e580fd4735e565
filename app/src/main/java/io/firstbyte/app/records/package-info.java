/**
 * Call records: every finished call (who, when, why it ended, each turn as the caller heard it, tool
 * calls, latency) written to PostgreSQL off the call path, kept for the configured retention, and read back
 * for the admin API.
 */
@NullMarked
package io.firstbyte.app.records;

import org.jspecify.annotations.NullMarked;
