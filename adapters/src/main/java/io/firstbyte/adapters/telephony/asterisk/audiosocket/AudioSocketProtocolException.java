package io.firstbyte.adapters.telephony.asterisk.audiosocket;

import java.util.List;

/**
 * The byte stream of one AudioSocket connection cannot be read any further (a length beyond the
 * limit: garbage, or a peer that is not Asterisk). Close that connection; no other call is
 * affected. Carries the frames completed before the bad header, so none is lost.
 */
public final class AudioSocketProtocolException extends RuntimeException {

    private final transient List<AudioSocketFrame> decodedBefore;

    public AudioSocketProtocolException(String reason, List<AudioSocketFrame> decodedBefore) {
        super(reason, null, false, false);
        this.decodedBefore = List.copyOf(decodedBefore);
    }

    public List<AudioSocketFrame> decodedBefore() {
        return decodedBefore;
    }
}
