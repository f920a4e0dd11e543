package io.swapflex.service.rest;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.swapflex.datasets.examples.Examples;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Problem;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import io.swapflex.service.common.security.DevTokens;
import io.swapflex.service.common.security.SigningKeys;
import io.swapflex.service.plan.Replanner;

import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Helpers of the API tests: tokens, requests with a bearer token, fresh stations. */
public final class Api {

    private static final AtomicInteger STATIONS = new AtomicInteger();

    private Api() {
    }

    public static String token(String role) {
        return DevTokens.mint(dataDir(), role, null, Duration.ofMinutes(10));
    }

    public static String stationToken(String stationId) {
        return DevTokens.mint(dataDir(), "station", stationId, Duration.ofMinutes(10));
    }

    /** The running test application's data directory ({@code swapflex.data-dir}), whose key it verifies with. */
    public static Path dataDir() {
        return Path.of(ConfigProvider.getConfig().getValue("swapflex.data-dir", String.class));
    }

    /** The private key the test application verifies tokens with (its data directory's own). */
    public static PrivateKey signingKey() {
        return SigningKeys.of(dataDir()).readPrivateKey();
    }

    /**
     * A token signed with the key pair the repository shipped until issue 17 (its private key is kept in the test
     * resources only, to show that no installation takes it any more).
     */
    public static String signedWithTheOldRepositoryKey(String role) {
        try {
            return Jwt.issuer(DevTokens.ISSUER).subject("dev-" + role).groups(role).expiresIn(Duration.ofMinutes(10))
                    .jws().sign(KeyUtils.readPrivateKey("test-keys/oldRepositoryPrivateKey.pem"));
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RequestSpecification as(String token) {
        return RestAssured.given().header("Authorization", "Bearer " + token);
    }

    public static RequestSpecification asOperator() {
        return as(token("operator"));
    }

    /** The demo example under a new station id, so each test owns its station. */
    public static Problem freshDemo(String prefix) {
        Problem demo = ContractJson.readProblem(Examples.json("demo-3bay-hourly"));
        return new Problem(demo.formatVersion(), prefix + "-" + STATIONS.incrementAndGet(), demo.horizon(), demo.site(),
                demo.packTypes(), demo.bays(), demo.swapDemand(), demo.tariff(), demo.dispatchRequests(),
                demo.unservedSwapPenalty());
    }

    /**
     * The demo example under a new station id, its horizon three days ahead: until then the station is planned over
     * its registered horizon as it is, so its problem does not move with the clock while a test runs.
     */
    public static Problem futureDemo(String prefix) {
        Problem demo = freshDemo(prefix);
        String start = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(3) + "T00:00:00+07:00";
        return new Problem(demo.formatVersion(), demo.stationId(),
                new io.swapflex.optimizer.contract.Horizon(start, demo.horizon().slotMinutes(), demo.horizon().slots()),
                demo.site(), demo.packTypes(), demo.bays(), demo.swapDemand(), demo.tariff(), demo.dispatchRequests(),
                demo.unservedSwapPenalty());
    }

    /** Registers the problem's station as an operator (201) and waits for its first plan; returns its id. */
    public static String register(Problem problem, Replanner replanner) throws InterruptedException {
        asOperator().contentType(io.restassured.http.ContentType.JSON).body(ContractJson.write(problem))
                .post("/api/v1/stations").then().statusCode(201);
        awaitPlanned(replanner, problem.stationId());
        return problem.stationId();
    }

    public static void awaitPlanned(Replanner replanner, String stationId) throws InterruptedException {
        assertTrue(replanner.awaitIdle(stationId, Duration.ofSeconds(30)), "re-plan of " + stationId + " did not end");
    }
}
