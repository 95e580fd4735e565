/**
 * Who may use which route: the serving mode (development or production), which ingress is served,
 * and the one authorization layer (Spring Security's WebFlux chain) that decides on the path the
 * router sees.
 */
@NullMarked
package io.firstbyte.app.security;

import org.jspecify.annotations.NullMarked;
