/** Deliberately bad classes that the architecture rules must report; never run. */
@NullMarked
package io.firstbyte.pipeline.architecture.offenders;

import org.jspecify.annotations.NullMarked;
