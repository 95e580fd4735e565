/** Tests of the per-answer clause bookkeeping shared by the speech clients. */
@NullMarked
package io.firstbyte.adapters.tts;

import org.jspecify.annotations.NullMarked;
