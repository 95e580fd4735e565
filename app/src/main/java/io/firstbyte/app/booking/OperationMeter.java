package io.firstbyte.app.booking;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Measures each booking operation (a tool call from a call, /api, Vapi or Retell): latency and outcome. */
@FunctionalInterface
public interface OperationMeter {

    OperationMeter NONE = (operation, work) -> work;

    Mono<JsonNode> measure(String operation, Mono<JsonNode> work);
}
