/** The Spring Boot WebFlux server: the only module that knows Spring. */
@NullMarked
package io.firstbyte.app;

import org.jspecify.annotations.NullMarked;
