/** The media WebSocket endpoints: one call pipeline per stream. */
@NullMarked
package io.firstbyte.app.web.media;

import org.jspecify.annotations.NullMarked;
