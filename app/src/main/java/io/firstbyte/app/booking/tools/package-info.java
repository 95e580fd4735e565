/** The booking operations as agent tools: JSON schemas, strict argument checks and answers. */
@NullMarked
package io.firstbyte.app.booking.tools;

import org.jspecify.annotations.NullMarked;
