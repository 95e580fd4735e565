/** {@code POST /audiosocket/calls}: the dial plan registers an AudioSocket call's numbers under its UUID. */
@NullMarked
package io.firstbyte.app.web.audiosocket;

import org.jspecify.annotations.NullMarked;
