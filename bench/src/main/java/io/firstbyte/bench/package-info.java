/** Load tools that talk to a running Firstbyte server over the wire: the call simulator and JMH benchmarks. */
@NullMarked
package io.firstbyte.bench;

import org.jspecify.annotations.NullMarked;
