/** The other half of a deliberate package cycle for the architecture rules to report. */
@NullMarked
package io.firstbyte.pipeline.architecture.offenders.right;

import org.jspecify.annotations.NullMarked;
