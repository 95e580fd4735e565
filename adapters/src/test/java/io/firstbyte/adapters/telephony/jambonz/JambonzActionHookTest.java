package io.firstbyte.adapters.telephony.jambonz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The listen verb's actionHook: jambonz's snake_cased request in, a verb array out. */
class JambonzActionHookTest {

    /** As jambonz's feature server sends it: the call's attributes, snake_cased, as a POST body. */
    private static final String REQUEST = """
            {"call_sid":"aad0115d-ec21-40db-aa02-31b7b01540c5","direction":"inbound","from":"+15083084809",
             "to":"+15083728363","call_id":"fc5f8190-718a-123b-e6ba-023fd61c5256","sip_status":200,"sip_reason":"OK",
             "call_status":"in-progress","account_sid":"4bfe85c1-96bb-4af7-ac83-68fe7ebd562d",
             "application_sid":"3badbf0f-e778-44bb-a89a-dc2ca31f2f9c"}""";

    @Test
    void theCallIsTheRequestsCallSid() {
        assertThat(JambonzActionHook.callSid(REQUEST)).contains("aad0115d-ec21-40db-aa02-31b7b01540c5");
    }

    @Test
    void aCamelCasedCallSidIsReadToo() {
        assertThat(JambonzActionHook.callSid("{\"callSid\":\"c-1\"}")).contains("c-1");
    }

    @Test
    void aRequestWithoutACallOrNotJsonNamesNoCall() {
        assertThat(JambonzActionHook.callSid("{\"from\":\"+15083084809\"}")).isEmpty();
        assertThat(JambonzActionHook.callSid("call_sid=c-1")).isEmpty();
        assertThat(JambonzActionHook.callSid("[]")).isEmpty();
    }

    @Test
    void dialConnectsTheCallerToAPhoneNumber() {
        assertThat(JambonzActionHook.dial("+15550009999"))
                .isEqualTo("[{\"verb\":\"dial\",\"target\":[{\"type\":\"phone\",\"number\":\"+15550009999\"}]}]");
    }

    @Test
    void onlyAnE164NumberIsDialled() {
        assertThatThrownBy(() -> JambonzActionHook.dial("5550009999")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JambonzActionHook.dial("+1555\"}]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hangupEndsTheCall() {
        assertThat(JambonzActionHook.hangup()).isEqualTo("[{\"verb\":\"hangup\"}]");
    }
}
