/** Turn-taking: end of turn and barge-in. */
@NullMarked
package io.firstbyte.pipeline.turn;

import org.jspecify.annotations.NullMarked;
