/** Error categories and the sentences a caller hears when something fails. */
@NullMarked
package io.firstbyte.pipeline.error;

import org.jspecify.annotations.NullMarked;
