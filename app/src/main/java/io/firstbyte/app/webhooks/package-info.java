/**
 * Business webhooks: events (a message taken, a booking confirmed, cancelled or moved) written to an
 * outbox in the transaction of the change they announce, and a background sender that signs them with
 * the business's secret and delivers them, retrying with exponential back-off, off every call's path.
 */
@NullMarked
package io.firstbyte.app.webhooks;

import org.jspecify.annotations.NullMarked;
