package io.swapflex.tools.crash;

import com.fasterxml.jackson.databind.JsonNode;
import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.ContractJson;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.testkit.ServiceClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the service promised while the crash harness loaded it: every battery event it acknowledged (202), every plan
 * version it served, every dispatch request it accepted (201); and, after each restart, whether each promise still
 * holds (the events stored unchanged, the plan versions served again the same and sound, the versions without gaps,
 * the accepted requests there with the plans they name).
 */
final class Promises {

    private record AckedEvent(long id, String stationId, String kind, String bayId, Double soc, Instant occurredAt) {
    }

    private record ServedPlan(String stationId, long version, String hash) {
    }

    private final ServiceClient client;
    /**
     * Every acknowledged event, by the order the harness got the acknowledgements (not by the event id: after a lost
     * commit the database may hand the same id to another event, and both acknowledgements must be checked).
     */
    private final Map<Long, AckedEvent> events = new ConcurrentHashMap<>();
    private final AtomicLong acks = new AtomicLong();
    private final Map<String, ServedPlan> plans = new ConcurrentHashMap<>();
    private final Map<String, Problem> problems = new ConcurrentHashMap<>();
    private final Map<String, Long> dispatches = new ConcurrentHashMap<>();
    private final Map<String, Long> checkedUpTo = new HashMap<>();
    private final AtomicInteger halfWritten = new AtomicInteger();

    Promises(ServiceClient client) {
        this.client = client;
    }

    /** A battery event the service acknowledged (202). */
    void eventAcknowledged(long eventId, String stationId, String kind, String bayId, Double soc, Instant at) {
        events.put(acks.incrementAndGet(), new AckedEvent(eventId, stationId, kind, bayId, soc, at));
    }

    int eventsAcknowledged() {
        return events.size();
    }

    /** A dispatch request the service accepted (201). */
    void dispatchAccepted(String id) {
        dispatches.put(id, System.nanoTime());
    }

    /** Records a served plan version (checking it the first time it is seen, comparing it every later time). */
    void served(String stationId, JsonNode view) throws IOException, InterruptedException {
        long version = view.path("version").asLong();
        String hash = contentHash(view);
        String key = stationId + "#" + version;
        ServedPlan known = plans.get(key);
        if (known != null) {
            if (!known.hash().equals(hash)) {
                halfWritten.incrementAndGet(); // one version, two contents
            }
            return;
        }
        if (!sound(stationId, version, view)) {
            halfWritten.incrementAndGet();
        }
        plans.putIfAbsent(key, new ServedPlan(stationId, version, hash));
    }

    /**
     * A served plan is sound when it parses, names its station, and the independent checker, run against the problem
     * the service stored for this version, recomputes every objective term it reports and reaches the verdict the
     * service states (a half-written or mixed-up plan fails one of these).
     */
    private boolean sound(String stationId, long version, JsonNode view) throws IOException, InterruptedException {
        try {
            Plan plan = ContractJson.readPlan(view.path("plan").toString());
            if (!stationId.equals(plan.stationId()) || view.path("version").asLong() != version) {
                return false;
            }
            CheckReport report = PlanChecker.check(problem(stationId, version), plan);
            boolean objectiveRecomputed = report.objective() != null
                    && report.violations().stream().noneMatch(v -> v.startsWith("objective"));
            return objectiveRecomputed
                    && report.hardRulesMet() == view.path("check").path("hardRulesMet").asBoolean();
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    Problem problem(String stationId, long version) throws IOException, InterruptedException {
        String key = stationId + "#" + version;
        Problem known = problems.get(key);
        if (known != null) {
            return known;
        }
        ServiceClient.Answer answer = client.get("/api/v1/stations/" + stationId + "/plans/" + version + "/problem");
        if (answer.status() != 200) {
            throw new IOException("no problem for " + key + ": " + answer.status() + " " + answer.body());
        }
        Problem problem = ContractJson.readProblem(answer.body());
        problems.put(key, problem);
        return problem;
    }

    /** What identifies a plan version's content: everything but its age, staleness and the checker's findings. */
    public static String contentHash(JsonNode view) {
        String content = view.path("version").asText() + "|" + view.path("revision").asText() + "|"
                + view.path("reason").asText() + "|" + view.path("createdAt").asText() + "|" + view.path("plan");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks every promise against the restarted service: a row of the table.
     *
     * @param errors5xx the server errors the workload met so far
     */
    CrashHarness.Round verify(int round, long uptime, int ackedInRound, long restartMillis, int errors5xx)
            throws IOException, InterruptedException {
        // The problems are read again: a version number reused for another plan after the crash must be checked
        // against the problem stored with it now.
        problems.clear();
        // Events: every acknowledged one, by id, unchanged.
        Map<String, List<AckedEvent>> byStation = new HashMap<>();
        events.values().forEach(e -> byStation.computeIfAbsent(e.stationId(), k -> new ArrayList<>()).add(e));
        int found = 0;
        int changed = 0;
        for (Map.Entry<String, List<AckedEvent>> entry : byStation.entrySet()) {
            ServiceClient.Answer answer = client.get("/api/v1/stations/" + entry.getKey() + "/events?limit=10000");
            Map<Long, JsonNode> stored = new HashMap<>();
            answer.json().forEach(e -> stored.put(e.path("id").asLong(), e));
            if (entry.getValue().size() > 10_000) {
                throw new IllegalStateException("more than 10,000 events acknowledged for " + entry.getKey()
                        + ": the API lists at most 10,000; run fewer rounds");
            }
            for (AckedEvent acked : entry.getValue()) {
                JsonNode e = stored.get(acked.id());
                if (e == null) {
                    continue;
                }
                found++;
                JsonNode ev = e.path("event");
                boolean same = ev.path("kind").asText().equals(acked.kind())
                        && ev.path("bayId").asText().equals(acked.bayId())
                        && (acked.soc() == null ? ev.path("socFraction").isNull()
                        : ev.path("socFraction").asDouble() == acked.soc())
                        && Instant.parse(ev.path("occurredAt").asText()).equals(acked.occurredAt());
                if (!same) {
                    changed++;
                }
            }
        }
        int lost = events.size() - found;

        // Plans: every version served is served again, the same.
        int intact = 0;
        int plansLost = 0;
        int plansChanged = 0;
        for (ServedPlan p : plans.values()) {
            ServiceClient.Answer answer = client.get("/api/v1/stations/" + p.stationId() + "/plan?version="
                    + p.version());
            if (answer.status() == 404) {
                plansLost++;
            } else if (answer.status() == 200 && contentHash(answer.json()).equals(p.hash())) {
                intact++;
            } else {
                plansChanged++;
            }
        }

        // Every version stored since the last check: sound, and the versions run 1..N without a gap.
        int stored = 0;
        int unsound = 0;
        int gaps = 0;
        for (JsonNode station : client.get("/api/v1/stations").json()) {
            String id = station.path("id").asText();
            List<Long> versions = new ArrayList<>();
            client.get("/api/v1/stations/" + id + "/plans").json().forEach(v -> versions.add(v.asLong()));
            for (int i = 0; i < versions.size(); i++) {
                if (versions.get(i) != i + 1) {
                    gaps++;
                    break;
                }
            }
            stored += versions.size();
            long from = checkedUpTo.getOrDefault(id, 0L);
            for (long v : versions) {
                if (v <= from) {
                    continue;
                }
                ServiceClient.Answer answer = client.get("/api/v1/stations/" + id + "/plan?version=" + v);
                if (answer.status() != 200 || !sound(id, v, answer.json())) {
                    unsound++;
                }
            }
            if (!versions.isEmpty()) {
                checkedUpTo.put(id, versions.get(versions.size() - 1));
            }
        }

        // Accepted dispatch requests; and every stored one (acknowledged or not: the kill may have come between its
        // commit and the answer) names, per station, the plan version committed with it: that version must exist and
        // be that request's plan, or the stations do not deliver what the operator's system reads as accepted.
        int dispatchFound = 0;
        for (String id : dispatches.keySet()) {
            if (client.get("/api/v1/dispatch-requests/" + id).status() == 200) {
                dispatchFound++;
            }
        }
        int withoutPlan = 0;
        for (JsonNode request : client.get("/api/v1/dispatch-requests").json()) {
            for (JsonNode allocation : request.path("allocations")) {
                ServiceClient.Answer plan = client.get("/api/v1/stations/" + allocation.path("stationId").asText()
                        + "/plan?version=" + allocation.path("planVersion").asLong());
                if (plan.status() != 200
                        || !plan.json().path("reason").asText().contains(request.path("id").asText())) {
                    withoutPlan++;
                }
            }
        }
        return new CrashHarness.Round(round, uptime, ackedInRound, events.size(), found, lost, changed, plans.size(), intact,
                plansLost, plansChanged, halfWritten.get(), stored, unsound, gaps, dispatches.size(), dispatchFound,
                withoutPlan, errors5xx, restartMillis);
    }
}
