package io.firstbyte.bench.calls.wire;

import io.firstbyte.pipeline.transport.WireMessage;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Twilio Media Streams (protocols.md 1): {@code From}/{@code To} as custom parameters, JSON base64 mu-law. */
public final class TwilioWire implements WebSocketWire {

    private final CallerMessages messages;
    private final Map<String, String> parameters;
    private long sequence;
    private long chunk;

    public TwilioWire(StreamIds ids, CallSetup setup) {
        this.messages = new CallerMessages(ids);
        this.parameters = new LinkedHashMap<>();
        parameters.put("From", setup.from());
        parameters.put("To", setup.to());
        parameters.putAll(setup.parameters());
    }

    @Override
    public Upgrade upgrade() {
        return new Upgrade(Gateway.TWILIO.path(), Map.of(), null);
    }

    @Override
    public String callId() {
        return messages.ids().callSid();
    }

    @Override
    public String streamId() {
        return messages.ids().streamSid();
    }

    @Override
    public List<WireMessage> opening() {
        return List.of(new WireMessage.Text(messages.connected()), new WireMessage.Text(messages.start(++sequence, parameters)));
    }

    @Override
    public WireMessage audio(byte[] mulawFrame) {
        chunk++;
        return new WireMessage.Text(messages.media(++sequence, chunk, (chunk - 1) * 20,
                Base64.getEncoder().encodeToString(mulawFrame)));
    }

    @Override
    public List<WireMessage> markPlayed(String name) {
        return List.of(new WireMessage.Text(messages.mark(++sequence, name)));
    }

    @Override
    public List<WireMessage> cleared(List<String> pendingMarks) {
        return pendingMarks.stream().flatMap(name -> markPlayed(name).stream()).toList();
    }

    @Override
    public List<WireMessage> hangUp() {
        return List.of(new WireMessage.Text(messages.stop(++sequence)));
    }

    @Override
    public ServerMessage read(WireMessage message) {
        return switch (message) {
            case WireMessage.Text text -> ServerMessages.parse(text.text());
            case WireMessage.Binary binary -> new ServerMessage.Invalid("binary frame on a Twilio stream");
        };
    }
}
