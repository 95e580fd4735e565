package io.firstbyte.adapters.telephony.common;

import io.firstbyte.pipeline.event.AudioOut;
import io.firstbyte.pipeline.event.EndCall;
import io.firstbyte.pipeline.event.Interruption;
import io.firstbyte.pipeline.event.MarkSent;
import io.firstbyte.pipeline.event.OutboundEvent;
import io.firstbyte.pipeline.transport.DroppedInput;
import io.firstbyte.pipeline.transport.WireMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The sending side of gateways that take the agent's audio as bare binary frames and their
 * controls as text (jambonz, Vonage): audio in whole chunks of the wire format, a mark after the
 * held-back rest of the audio before it, and a barge-in that forgets what was held back.
 *
 * @param mark the gateway's mark (echoed once the audio before it has played)
 * @param clear the gateway's "drop the queued audio"
 * @param end what the gateway is sent when the call ends itself
 */
public record BinaryAudioOutbound(Function<String, WireMessage> mark, WireMessage clear, List<WireMessage> end) {

    public BinaryAudioOutbound {
        end = List.copyOf(end);
    }

    public List<WireMessage> encode(OutboundAudio audio, OutboundEvent event, DroppedInput dropped) {
        return switch (event) {
            case AudioOut frame -> DroppedMessage.reportedTo(dropped,
                    () -> audio.accept(frame).stream().<WireMessage>map(WireMessage.Binary::new).toList());
            case MarkSent sent -> {
                List<WireMessage> messages = new ArrayList<>(2);
                audio.flush().ifPresent(rest -> messages.add(new WireMessage.Binary(rest)));
                messages.add(mark.apply(sent.name()));
                yield messages;
            }
            case Interruption interruption -> {
                audio.reset();
                yield List.of(clear);
            }
            case EndCall ending -> end;
        };
    }
}
