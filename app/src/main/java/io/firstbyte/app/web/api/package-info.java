/** The plain JSON booking API under /api, authenticated by a tenant's API key. */
@NullMarked
package io.firstbyte.app.web.api;

import org.jspecify.annotations.NullMarked;
