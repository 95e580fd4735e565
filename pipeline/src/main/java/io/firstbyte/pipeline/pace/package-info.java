/** Outbound pacing at real time plus a lead, and the mark ledger. */
@NullMarked
package io.firstbyte.pipeline.pace;

import org.jspecify.annotations.NullMarked;
