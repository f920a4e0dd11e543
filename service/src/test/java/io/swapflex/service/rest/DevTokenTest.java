package io.swapflex.service.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.swapflex.optimizer.contract.ContractJson;
import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static io.swapflex.service.rest.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plan page's automatic sign-in: a read-only token signed with the installation's own key, for loopback clients;
 * the key the repository once shipped opens nothing.
 */
@QuarkusTest
class DevTokenTest {

    @Test
    void aLoopbackClientGetsAReadOnlyToken() {
        String token = RestAssured.given().post("/api/v1/dev/token").then().statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body("role", equalTo("analyst"))
                .extract().path("token");
        as(token).get("/api/v1/stations").then().statusCode(200).body("id", hasItem("demo-3bay"));
        as(token).contentType(ContentType.JSON).body(ContractJson.write(Api.freshDemo("devtoken")))
                .post("/api/v1/stations").then().statusCode(403);
        as(token).contentType(ContentType.JSON).body("{\"kind\": \"PACK_OUT\", \"bayId\": \"bay-01\"}")
                .post("/api/v1/stations/demo-3bay/events").then().statusCode(403);
    }

    @Test
    void aFreshInstallationRefusesTheOldRepositoryKeyAndTakesItsOwn() throws Exception {
        as(Api.signedWithTheOldRepositoryKey("admin")).get("/api/v1/stations").then().statusCode(401)
                .contentType("application/problem+json");
        as(Api.token("admin")).get("/api/v1/stations").then().statusCode(200);
        assertTrue(Files.isRegularFile(Api.dataDir().resolve("keys/publicKey.pem")), "the key is the data dir's");
    }

    @Test
    void onlyLoopbackAddressesCountAsTheServicesOwnMachine() {
        assertTrue(DevTokenResource.loopback(SocketAddress.inetSocketAddress(1234, "127.0.0.1")));
        assertTrue(DevTokenResource.loopback(SocketAddress.inetSocketAddress(1234, "127.8.9.10")));
        assertTrue(DevTokenResource.loopback(SocketAddress.inetSocketAddress(1234, "::1")));
        assertFalse(DevTokenResource.loopback(SocketAddress.inetSocketAddress(1234, "203.0.113.7")));
        assertFalse(DevTokenResource.loopback(SocketAddress.inetSocketAddress(1234, "::ffff:203.0.113.7")));
        assertFalse(DevTokenResource.loopback(SocketAddress.inetSocketAddress(1234, "192.168.1.20")));
        assertFalse(DevTokenResource.loopback(SocketAddress.domainSocketAddress("/tmp/socket")), "no address");
        assertFalse(DevTokenResource.loopback(null));
    }

    @Test
    void thePageIsServedAtTheRoot() {
        RestAssured.given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<title>SwapFlex plans</title>"));
    }
}
