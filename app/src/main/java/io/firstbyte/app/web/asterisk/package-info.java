/** Asterisk's HTTP requests to this server after a call's media: where a caller handed over goes next. */
@NullMarked
package io.firstbyte.app.web.asterisk;

import org.jspecify.annotations.NullMarked;
