/** JMH micro-benchmarks of the pipeline's hot paths against naive baselines. */
@NullMarked
package io.firstbyte.bench.jmh;

import org.jspecify.annotations.NullMarked;
