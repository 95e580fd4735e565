/** The machine-readable description of /api and /admin (OpenAPI 3.1), served by the app. */
@NullMarked
package io.firstbyte.app.web.openapi;

import org.jspecify.annotations.NullMarked;
