/** Immutable configuration records bound from application.yaml and the environment. */
@NullMarked
package io.firstbyte.app.config;

import org.jspecify.annotations.NullMarked;
