/** One half of a deliberate package cycle for the architecture rules to report. */
@NullMarked
package io.firstbyte.pipeline.architecture.offenders.left;

import org.jspecify.annotations.NullMarked;
