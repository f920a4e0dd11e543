package io.swapflex.service.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.swapflex.service.plan.Replanner;
import io.swapflex.service.rest.Api;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A swap cabinet nobody here wrote: {@code src/test/node/cabinet.mjs} on the npm package ocpp-rpc 2.2.1 in strict
 * mode (every message both ways validated against the official OCPP 2.1 schemas it ships) connects with HTTP Basic
 * over ws (security profile 1) and over wss (profile 2, the certificate OcppTlsTest generates), is refused with a wrong
 * password, boots, accepts its profiles, sends the routine messages and a BatterySwap, and gets the new plan pushed.
 *
 * <p>Needs Node.js and {@code npm ci} in {@code service/src/test/node} ({@code .ci/run} does both); without them the
 * test is skipped, unless {@code SWAPFLEX_REQUIRE_NODE=1} (set by {@code .ci/run}) makes it fail.
 */
@QuarkusTest
@TestProfile(OcppTlsTest.Tls.class)
class OcppRpcInteropTest {

    static final String REQUIRE = "SWAPFLEX_REQUIRE_NODE";
    static final Path CABINET_DIR = Path.of("src", "test", "node");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "rpc-cabinet-secret-01";

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @Inject
    Replanner replanner;

    @Test
    void anOcppRpcCabinetConnectsWithBasicAuthOverWsAndWss() throws Exception {
        Path node = node();
        String id = Api.register(Api.futureDemo("ocpp-rpc"), replanner);
        OcppBasicAuthTest.setPassword(id, PASSWORD).then().statusCode(204);

        JsonNode ws = run(node, Map.of("SWAPFLEX_OCPP_URL", "ws://localhost:" + RestAssured.port + "/ocpp",
                "SWAPFLEX_STATION", id, "SWAPFLEX_PASSWORD", PASSWORD, "SWAPFLEX_BAYS", "3"));
        assertPassed(ws);

        // Over TLS, a second cabinet (the first one's bay 1 is empty now).
        String tls = Api.register(Api.futureDemo("ocpp-rpc-wss"), replanner);
        OcppBasicAuthTest.setPassword(tls, PASSWORD).then().statusCode(204);
        Path ca = OcppTlsTest.DIR.resolve("server.pem").toAbsolutePath();
        exportCertificate(ca);
        JsonNode wss = run(node, Map.of("SWAPFLEX_OCPP_URL", "wss://localhost:" + https.getPort() + "/ocpp",
                "SWAPFLEX_STATION", tls, "SWAPFLEX_PASSWORD", PASSWORD, "SWAPFLEX_BAYS", "3",
                "SWAPFLEX_CA_PEM", ca.toString()));
        assertPassed(wss);
    }

    private static void assertPassed(JsonNode result) {
        assertTrue(result.path("ok").asBoolean(), "the cabinet failed: " + result.toPrettyString());
        assertEquals(0, result.path("strictFailures").size(), result.toPrettyString());
        String steps = result.path("steps").toString();
        for (String step : List.of("wrongPasswordRefused", "\"connected\":\"ocpp2.1\"", "\"boot\":\"Accepted\"",
                "\"profilesAccepted\":3", "\"authorize\":\"Accepted\"", "routineMessages", "batterySwap", "rePushed")) {
            assertTrue(steps.contains(step), "step " + step + " missing: " + steps);
        }
    }

    /** Runs the cabinet; its one line of JSON on stdout (stderr goes to the test's output). */
    private static JsonNode run(Path node, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(node.toString(), "cabinet.mjs").directory(CABINET_DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("the cabinet did not end within 180 s: " + out);
        }
        System.out.println("ocpp-rpc cabinet (" + env.get("SWAPFLEX_OCPP_URL") + "): " + out);
        String last = out.strip().lines().reduce((a, b) -> b).orElse("{}");
        return JSON.readTree(last);
    }

    private static void exportCertificate(Path pem) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-exportcert", "-rfc", "-alias", "server",
                "-keystore", OcppTlsTest.KEYSTORE.toString(), "-storepass", OcppTlsTest.STORE_PASSWORD,
                "-file", pem.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool -exportcert: " + output);
    }

    /** Node.js on the PATH and ocpp-rpc installed next to the cabinet; else a skip (or a failure under .ci/run). */
    static Path node() {
        List<String> missing = new ArrayList<>();
        Path found = null;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "node");
            if (Files.isExecutable(candidate)) {
                found = candidate;
                break;
            }
        }
        if (found == null) {
            missing.add("Node.js (node on the PATH)");
        }
        if (!Files.isDirectory(CABINET_DIR.resolve("node_modules").resolve("ocpp-rpc"))) {
            missing.add("ocpp-rpc ('npm ci' in service/src/test/node)");
        }
        if (missing.isEmpty()) {
            return found;
        }
        String message = "the ocpp-rpc interop test needs " + String.join(" and ", missing) + " (.ci/run installs them)";
        if ("1".equals(System.getenv(REQUIRE))) {
            fail(message + "; " + REQUIRE + "=1 asks for it");
        }
        Assumptions.abort(message);
        return null;
    }
}
