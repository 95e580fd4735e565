/** Percentiles, the run report (table and JSON) and the pass/fail thresholds. */
@NullMarked
package io.firstbyte.bench.calls.report;

import org.jspecify.annotations.NullMarked;
