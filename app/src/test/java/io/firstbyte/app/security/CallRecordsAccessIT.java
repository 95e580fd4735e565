package io.firstbyte.app.security;

import static io.firstbyte.app.security.RawHttp.remote;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Call records hold what callers said and their numbers: with {@code ADMIN_TOKEN} set (production),
 * {@code /admin/calls} answers that bearer token only, from any machine, on the router's path variants
 * too; no other token opens it. Development (this machine only) is in {@code CallRecordCallIT}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "firstbyte.providers.simulated.profile=fast",
        "firstbyte.admin.token=" + CallRecordsAccessIT.ADMIN,
        "firstbyte.operator.token=" + CallRecordsAccessIT.OPERATOR})
@Import(ClientAddressFromHeader.class)
class CallRecordsAccessIT {

    static final String ADMIN = "admin-secret-1";
    static final String OPERATOR = "operator-secret-1";

    @LocalServerPort
    int port;

    private RawHttp http() {
        return new RawHttp(port);
    }

    @Test
    void withoutTheAdminTokenNoMachineReadsCallRecords() {
        for (String target : new String[] {"/admin/calls", "/admin/calls/CA1", "/%61dmin/calls", "/admin/c%61lls/CA1"}) {
            assertThat(http().get(target, remote()).status()).as(target).isEqualTo(401);
            assertThat(http().get(target, Map.of()).status()).as("%s from this machine", target).isEqualTo(401);
            assertThat(http().get(target, remote("Authorization", "Bearer " + OPERATOR)).status())
                    .as("%s with the operator's token", target).isEqualTo(403);
        }
    }

    @Test
    void theAdminTokenReadsCallRecordsFromAnywhere() {
        Map<String, String> bearer = remote("Authorization", "Bearer " + ADMIN);
        RawHttp.Response list = http().get("/admin/calls?limit=1", bearer);
        assertThat(list.status()).as("%s", list).isEqualTo(200);
        assertThat(list.body()).contains("\"calls\"");
        assertThat(http().get("/admin/calls/CAnothing", bearer).status()).isEqualTo(404);
    }
}
