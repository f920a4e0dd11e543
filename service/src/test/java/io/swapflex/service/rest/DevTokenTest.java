package io.swapflex.service.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.swapflex.optimizer.contract.ContractJson;
import org.junit.jupiter.api.Test;

import static io.swapflex.service.rest.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The plan page's development token: handed out under the development key pair, and it only reads. */
@QuarkusTest
class DevTokenTest {

    @Test
    void theDevelopmentKeyGivesAReadOnlyTokenToAnyone() {
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
    void thePageIsServedAtTheRoot() {
        RestAssured.given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<title>SwapFlex plans</title>"));
    }
}
