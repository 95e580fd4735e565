/** Plivo's request for the XML to run once a call is transferred ({@code aleg_url}): signed, answered from the shared transfer record. */
@NullMarked
package io.firstbyte.app.web.plivo;

import org.jspecify.annotations.NullMarked;
