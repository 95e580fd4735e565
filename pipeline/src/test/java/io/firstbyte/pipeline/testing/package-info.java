/** Test fixtures every module uses: a stage harness on virtual time, scripted fake providers, a recording transport. */
@NullMarked
package io.firstbyte.pipeline.testing;

import org.jspecify.annotations.NullMarked;
