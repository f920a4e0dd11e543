package io.swapflex.service.openadr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.swapflex.service.plan.Replanner;
import io.swapflex.service.rest.Api;
import io.swapflex.service.standards.OpenAdrSchemas;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The service configured as a VEN ({@code swapflex.openadr.vtn.*}): it polls the VTN stand-in from the start,
 * subscribes to the program's events with its callback, and a notification at the callback (with the subscription's
 * bearer token) brings a round forward that applies the new event and posts the report.
 */
@QuarkusTest
@TestProfile(VenWiringTest.AsVen.class)
class VenWiringTest {

    static VtnStandIn vtn;

    /** Starts the stand-in before the service, and gives the service its URL. */
    public static class StandIn implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                vtn = new VtnStandIn("swapflex-ven", "a-client-secret-of-the-ven");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            vtn.addProgram("dso-flex-9", "evening-flex");
            return Map.of("swapflex.openadr.vtn.url", vtn.uri().toString());
        }

        @Override
        public void stop() {
            vtn.close();
        }
    }

    public static class AsVen implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A poll an hour apart: every round after the first in this test is one a notification brought forward.
            return Map.of("swapflex.openadr.vtn.client-id", "swapflex-ven",
                    "swapflex.openadr.vtn.client-secret", "a-client-secret-of-the-ven",
                    "swapflex.openadr.vtn.poll-interval", "1h",
                    "swapflex.openadr.vtn.callback-url", "https://swapflex.example/api/v1/openadr3/ven/notifications");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StandIn.class));
        }
    }

    @Inject
    Replanner replanner;

    @Test
    void theVenSubscribesAndANotificationBringsTheNextRoundForward() throws Exception {
        await(() -> vtn.subscriptions().size() == 1, "the first round subscribes");
        JsonNode subscription = vtn.subscriptions().get(0);
        assertEquals("dso-flex-9", subscription.path("programID").asText());
        JsonNode operation = subscription.path("objectOperations").get(0);
        assertEquals("https://swapflex.example/api/v1/openadr3/ven/notifications",
                operation.path("callbackUrl").asText());
        String bearer = operation.path("bearerToken").asText();

        String id = Api.register(Api.futureDemo("ven-wired"), replanner);
        ObjectNode event = vtn.addEvent("vtn-wired-" + id, """
                {"programID": "dso-flex-9", "targets": [{"type": "RESOURCE_NAME", "values": ["%s"]}],
                 "intervals": [{"id": 0, "intervalPeriod": {"start": "%s", "duration": "PT1H"},
                  "payloads": [{"type": "EXPORT_CAPACITY_LIMIT", "values": [0]}]}]}"""
                .formatted(id, "2099-01-01T00:00:00Z"));
        ObjectNode notification = OpenAdrService.JSON.createObjectNode();
        notification.put("objectType", "EVENT");
        notification.put("operation", "POST");
        notification.set("object", event);
        // As the VTN sends it. The 3.0.1 document's notification.object has a discriminator on objectType without a
        // mapping, whose implicit mapping names the schemas ("event"), never the objectType values ("EVENT"): no
        // notification passes it as written. Everything else of it is checked, and its object as an event.
        assertEquals(List.of("/object: no matching schema found for discriminator value 'EVENT'"),
                OpenAdrSchemas.errors("notification", notification));
        assertEquals(List.of(), OpenAdrSchemas.errors("event", event));

        String callback = "/api/v1/openadr3/ven/notifications";
        RestAssured.given().contentType(ContentType.JSON).body(notification.toString()).post(callback).then()
                .statusCode(401);
        RestAssured.given().header("Authorization", "Bearer not-the-one").contentType(ContentType.JSON)
                .body(notification.toString()).post(callback).then().statusCode(401);
        RestAssured.given().header("Authorization", "Bearer " + bearer).contentType(ContentType.JSON)
                .body("{\"operation\": \"POST\"}").post(callback).then().statusCode(400)
                .body("errors[0].path", equalTo("objectType"));
        RestAssured.given().header("Authorization", "Bearer " + bearer).contentType(ContentType.JSON)
                .body(notification.toString()).post(callback).then().statusCode(200);

        await(() -> vtn.reports().size() == 1, "the notified round reports on the event");
        assertEquals("vtn-wired-" + id, vtn.reports().get(0).path("eventID").asText());
        Api.as(Api.token("analyst")).get("/api/v1/openadr3/ven").then().statusCode(200)
                .body("lastOk", equalTo(true)).body("programs", equalTo(1)).body("subscriptions", equalTo(1))
                .body("reportsPosted", equalTo(1)).body("vtn", containsString("/openadr3/3.0.1"));
        Api.as(Api.stationToken(id)).get("/api/v1/openadr3/ven").then().statusCode(403);
        assertEquals(List.of(), vtn.violations(), vtn::transcript);
    }

    /** Polls a condition of the VEN's own thread (it runs on its schedule; there is no hook to wait on). */
    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        fail(what + " did not happen within 60 s:\n" + vtn.transcript());
    }
}
