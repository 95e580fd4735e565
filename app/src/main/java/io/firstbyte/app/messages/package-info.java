/**
 * Messages callers leave for a business when nobody can take their call: the agent's
 * {@code take_message} tool, their store in PostgreSQL (with the webhook event in the same statement),
 * and their listing through the admin API.
 */
@NullMarked
package io.firstbyte.app.messages;

import org.jspecify.annotations.NullMarked;
