/** Answers for requests refused before any handler could answer them, such as oversized bodies. */
@NullMarked
package io.firstbyte.app.web.errors;

import org.jspecify.annotations.NullMarked;
