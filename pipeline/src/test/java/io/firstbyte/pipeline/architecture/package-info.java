/** Checked rules about the pipeline's own code: what it may depend on, what it may call, and that BlockHound watches. */
@NullMarked
package io.firstbyte.pipeline.architecture;

import org.jspecify.annotations.NullMarked;
