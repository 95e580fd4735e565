package io.firstbyte.app.web.media;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A local OTLP/HTTP trace receiver, as a collector would be: takes {@code POST /v1/traces} bodies
 * (protobuf {@code ExportTraceServiceRequest}) and keeps every span with its resource's attributes.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One received span, its ids in hex, its attributes as strings. */
    record Received(String traceId, String spanId, String parentSpanId, String name, long startNanos, long endNanos,
                    Map<String, String> attributes, List<String> events, Map<String, String> resource) {
    }

    private final HttpServer server;
    private final List<Received> spans = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                receive(ExportTraceServiceRequest.parseFrom(body));
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    List<Received> spans() {
        return List.copyOf(spans);
    }

    private void receive(ExportTraceServiceRequest request) {
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            Map<String, String> resource = attributes(resourceSpans.getResource().getAttributesList());
            for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
                for (Span span : scope.getSpansList()) {
                    spans.add(new Received(hex(span.getTraceId().toByteArray()), hex(span.getSpanId().toByteArray()),
                            hex(span.getParentSpanId().toByteArray()), span.getName(), span.getStartTimeUnixNano(),
                            span.getEndTimeUnixNano(), attributes(span.getAttributesList()),
                            span.getEventsList().stream().map(Span.Event::getName).toList(), resource));
                }
            }
        }
    }

    private static Map<String, String> attributes(List<KeyValue> values) {
        return values.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> switch (kv.getValue().getValueCase()) {
            case STRING_VALUE -> kv.getValue().getStringValue();
            case BOOL_VALUE -> String.valueOf(kv.getValue().getBoolValue());
            case INT_VALUE -> String.valueOf(kv.getValue().getIntValue());
            case DOUBLE_VALUE -> String.valueOf(kv.getValue().getDoubleValue());
            default -> kv.getValue().toString();
        }, (a, b) -> b));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
