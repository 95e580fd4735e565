package io.firstbyte.app.security;

import static io.firstbyte.app.security.RawHttp.remote;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The operator console on a production server (OPERATOR_TOKEN set), from another machine: the page
 * sends a browser without credentials to its sign-in form; its data, stream and assets answer 401;
 * the operator token as a bearer opens everything; posting the token to the sign-in form gives an
 * HttpOnly, SameSite=Strict cookie that opens the console and call control, but not from another site
 * and not once signed out; a wrong token gets no cookie.
 */
@ProductionServer
class ConsoleAccessIT {

    private static final Pattern SESSION = Pattern.compile("(?im)^Set-Cookie: (" + ConsoleSession.COOKIE + "=([^;\\r\\n]*)[^\\r\\n]*)");

    @LocalServerPort
    int port;

    private RawHttp http() {
        return new RawHttp(port);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "GET, /console, 303",
            "GET, /c%6Fnsole, 303",
            "GET, /console/events, 401",
            "GET, /console/api/calls, 401",
            "GET, /console/api/calls/CA1, 401",
            "GET, /console/assets/console.js, 401",
            "GET, /console/assets/console.css, 401",
            "GET, /console;x=1, 400",
            "GET, /console/assets/../index.html, 400"})
    void withoutCredentialsNothingOfTheConsoleAnswersButItsSignIn(String method, String target, int status) {
        RawHttp.Response response = http().get(target, remote());
        assertThat(response.status()).as("%s %s answered %s", method, target, response).isEqualTo(status);
        assertThat(response.isOneLineJson()).as("one-line JSON: %s", response).isTrue();
        if (status == 303) {
            assertThat(response.headers()).containsIgnoringCase("Location: /console/login");
        }
    }

    @Test
    void theSignInFormAndItsAssetsAreOpenAndThePageKeepsScriptsToThisServer() {
        RawHttp.Response form = http().get("/console/login", remote());
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"token\"").doesNotContain(ProductionServer.OPERATOR);
        assertThat(form.headers()).containsIgnoringCase("Content-Security-Policy: default-src 'none'; script-src 'self'");
        assertThat(http().get("/console/assets/login.css", remote()).status()).isEqualTo(200);
        assertThat(http().get("/console/assets/login.js", remote()).status()).isEqualTo(200);
    }

    @Test
    void theOperatorTokenAsBearerOpensTheConsole() {
        Map<String, String> bearer = remote("Authorization", "Bearer " + ProductionServer.OPERATOR);
        RawHttp.Response page = http().get("/console", bearer);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("/console/assets/console.js");
        assertThat(http().get("/console/assets/console.js", bearer).status()).isEqualTo(200);
        assertThat(http().get("/console/api/calls?number=%2B15550001111", bearer).status()).isIn(200, 503);
        assertThat(http().get("/console/api/calls?number=%27or%271", bearer).status()).isEqualTo(400);
        assertThat(http().get("/console", remote("Authorization", "Bearer " + ProductionServer.METRICS)).status())
                .as("the scrape token is not the operator's").isEqualTo(403);
    }

    @Test
    void signingInGivesAStrictHttpOnlyCookieThatOpensTheConsoleFromThisSiteOnly() {
        RawHttp.Response wrong = http().post("/console/login", remote(), "application/x-www-form-urlencoded", "token=guess");
        assertThat(wrong.status()).isEqualTo(303);
        assertThat(wrong.headers()).containsIgnoringCase("Location: /console/login?failed").doesNotContainIgnoringCase("Set-Cookie");

        RawHttp.Response signedIn = http().post("/console/login", remote(), "application/x-www-form-urlencoded",
                "token=" + ProductionServer.OPERATOR);
        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.headers()).containsIgnoringCase("Location: /console");
        Matcher cookie = SESSION.matcher(signedIn.headers());
        assertThat(cookie.find()).as("a session cookie in %s", signedIn.headers()).isTrue();
        assertThat(cookie.group(1)).containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/");
        assertThat(cookie.group(2)).doesNotContain(ProductionServer.OPERATOR);
        String session = ConsoleSession.COOKIE + "=" + cookie.group(2);

        assertThat(http().get("/console", remote("Cookie", session)).status()).isEqualTo(200);
        assertThat(http().get("/console/api/calls/CA-unknown", remote("Cookie", session)).status()).isIn(404, 503);
        assertThat(http().get("/calls", remote("Cookie", session)).status()).isEqualTo(200);
        assertThat(http().post("/calls/CA-unknown/hangup", withSite(session, "same-origin"), "application/json", "{}").status())
                .isEqualTo(404);
        assertThat(http().post("/calls/CA-unknown/hangup", withSite(session, "cross-site"), "application/json", "{}").status())
                .as("another site's request carrying the cookie").isEqualTo(401);
        assertThat(http().get("/console", remote("Cookie", session + "x")).status()).as("a forged cookie").isEqualTo(303);

        RawHttp.Response signedOut = http().post("/console/logout", remote("Cookie", session), "application/x-www-form-urlencoded", "");
        assertThat(signedOut.status()).isEqualTo(303);
        assertThat(signedOut.headers()).containsPattern("(?i)Set-Cookie: " + ConsoleSession.COOKIE + "=;.*Max-Age=0");
    }

    private static Map<String, String> withSite(String cookie, String site) {
        return RawHttp.withEntry(remote("Cookie", cookie), "Sec-Fetch-Site", site);
    }
}
