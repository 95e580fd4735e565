/** The operator console: its pages, its sign-in, and the stream of call changes it shows live. */
@NullMarked
package io.firstbyte.app.web.console;

import org.jspecify.annotations.NullMarked;
