/** HTTP and WebSocket plumbing shared by provider clients: pooled clients, socket links, SSE decoding and failure classification. */
@NullMarked
package io.firstbyte.adapters.http;

import org.jspecify.annotations.NullMarked;
