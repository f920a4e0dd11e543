package io.swapflex.service.ocpp;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.swapflex.service.plan.Replanner;
import io.swapflex.service.rest.Api;
import jakarta.inject.Inject;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OCPP security profile 2: HTTP Basic over TLS ({@code wss://}) with the service's own TLS settings
 * ({@code quarkus.http.ssl.*}), here a key pair and self-signed certificate for localhost generated with the JDK's
 * keytool when the test starts (nothing of it is kept in the repository).
 */
@QuarkusTest
@TestProfile(OcppTlsTest.Tls.class)
class OcppTlsTest {

    static final Path DIR = Path.of("target", "ocpp-tls");
    static final Path KEYSTORE = DIR.resolve("server.p12");
    static final String STORE_PASSWORD = "test-only-store-password";
    private static final String PASSWORD = "tls-cabinet-secret-01";

    /** A freshly generated certificate; https on a free port beside http. */
    public static class Tls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            generateKeyStore();
            return Map.of("quarkus.http.ssl.certificate.key-store-file", KEYSTORE.toAbsolutePath().toString(),
                    "quarkus.http.ssl.certificate.key-store-password", STORE_PASSWORD,
                    "quarkus.http.test-ssl-port", "0");
        }
    }

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @Inject
    Replanner replanner;

    @Test
    void aStationConnectsOverWssWithBasicCredentialsAndBoots() throws Exception {
        String id = Api.register(Api.futureDemo("ocpp-wss"), replanner);
        OcppBasicAuthTest.setPassword(id, PASSWORD).then().statusCode(204);
        URI wss = URI.create("wss://localhost:" + https.getPort() + "/ocpp/" + id);
        assertTrue(https.getProtocol().equals("https") && https.getPort() != RestAssured.port, https.toString());

        try (OcppTestStation station = OcppTestStation.connect(client(trusting()), wss,
                OcppTestStation.basic(id, PASSWORD), "ocpp2.1")) {
            JsonNode answer = station.call("BootNotification", OcppWebSocketTest.BOOT);
            assertTrue(answer.get(0).asInt() == 3 && answer.toString().contains("\"Accepted\""), answer.toString());
        }

        // A wrong password is refused over TLS as over ws; a client that does not trust the certificate fails TLS.
        ExecutionException wrong = assertThrows(ExecutionException.class, () -> OcppTestStation.connect(
                client(trusting()), wss, OcppTestStation.basic(id, PASSWORD + "x"), "ocpp2.1"));
        assertEquals(401, assertInstanceOf(WebSocketHandshakeException.class, wrong.getCause()).getResponse()
                .statusCode());
        ExecutionException untrusted = assertThrows(ExecutionException.class, () -> OcppTestStation.connect(
                HttpClient.newHttpClient(), wss, OcppTestStation.basic(id, PASSWORD), "ocpp2.1"));
        assertInstanceOf(SSLHandshakeException.class, untrusted.getCause(), untrusted.toString());
    }

    private static HttpClient client(SSLContext tls) {
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** An SSL context that trusts the generated certificate only. */
    private static SSLContext trusting() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(KEYSTORE)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", store.getCertificate("server"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** keytool (the JDK's): an RSA key pair and a self-signed certificate for localhost, valid one day. */
    static void generateKeyStore() {
        try {
            Files.createDirectories(DIR);
            Files.deleteIfExists(KEYSTORE);
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "server",
                    "-keyalg", "RSA", "-keysize", "2048", "-validity", "1", "-dname", "CN=localhost",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", KEYSTORE.toString(), "-storepass", STORE_PASSWORD))
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate the test certificate", e);
        }
    }
}
