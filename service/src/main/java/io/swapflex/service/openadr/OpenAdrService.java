package io.swapflex.service.openadr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.optimizer.contract.JsonMappers;
import io.swapflex.service.dispatch.DispatchService;
import io.swapflex.service.flex.FlexibilityService;
import io.swapflex.service.openadr.EventMapping.DispatchRun;
import io.swapflex.service.openadr.EventMapping.StationMapping;
import io.swapflex.service.openadr.MappingOutcome.PayloadOutcome;
import io.swapflex.service.openadr.MappingOutcome.Result;
import io.swapflex.service.openadr.MappingOutcome.StationOutcome;
import io.swapflex.service.plan.PlanningService;
import io.swapflex.service.plan.StoredPlan;
import io.swapflex.service.station.NotFoundException;
import io.swapflex.service.station.NotReadyException;
import io.swapflex.service.station.StationService;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The grid operator's OpenADR 3 side: events in (read by {@link OpenAdrEventReader}, mapped per station by
 * {@link EventMapping}: prices and limits stored as signals every re-plan applies, setpoints sent as dispatch requests
 * through {@link DispatchService}), events listed with their outcome, and reports out ({@link OpenAdrReports}).
 *
 * <p>An event is stored when at least one payload was applied to a station, and then answers with its VTN-assigned
 * {@code id}, {@code createdDateTime} and {@code modificationDateTime} (events are never modified, so the two times
 * are equal). A wholly declined event changes nothing and is not stored. Signals are stored before the setpoints are
 * tried, so a setpoint is judged on the event's prices.
 */
public final class OpenAdrService {

    /** The {@code programID} and {@code eventID} of a report about a station no stored event targets. */
    public static final String NO_EVENT = "NONE";
    /** The {@code clientName} of reports: the service acts as its stations' VEN. */
    public static final String CLIENT_NAME = "swapflex";

    /** The longest event id stored (openadr_event.id). */
    static final int MAX_ID_LENGTH = 64;

    /** The wire's mapper ({@link JsonMappers#base()}) with OpenADR's timestamps as RFC 3339 text. */
    static final ObjectMapper JSON = JsonMappers.limited(JsonMappers.base()
            .addModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));

    private final StationService stations;
    private final PlanningService planning;
    private final DispatchService dispatch;
    private final FlexibilityService flexibility;
    private final OpenAdrRepository repository;
    private final Clock clock;

    public OpenAdrService(StationService stations, PlanningService planning, DispatchService dispatch,
                          FlexibilityService flexibility, OpenAdrRepository repository, Clock clock) {
        this.stations = stations;
        this.planning = planning;
        this.dispatch = dispatch;
        this.flexibility = flexibility;
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * An event and what became of it.
     *
     * @param stored  true when the event was stored (some payload applied)
     * @param event   the event: as stored (with its id), or as received when not stored
     */
    public record Submitted(boolean stored, JsonNode event, MappingOutcome outcome) {
    }

    /**
     * Reads, maps and applies an event.
     *
     * @throws InvalidProblemException (400) a malformed event, every fault with its path
     */
    public Submitted submit(JsonNode body, String requestedBy) {
        return apply(body, requestedBy, null);
    }

    /**
     * Reads, maps and applies an event read from a VTN, exactly as {@link #submit} does, but keeps the VTN's
     * {@code id}, {@code createdDateTime} and {@code modificationDateTime}: the reports about it name the VTN's event.
     *
     * @throws InvalidProblemException (a 400 at the POST endpoint) a malformed event, or one without a usable id
     */
    public Submitted submitFromVtn(JsonNode body, String vtn) {
        String id = body == null ? null : body.path("id").asText(null);
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            throw new InvalidProblemException(List.of("id must be the VTN's event id, 1-" + MAX_ID_LENGTH
                    + " characters, is " + (body == null ? "absent" : body.get("id"))));
        }
        return apply(body, vtn, id);
    }

    /** Whether an event of this id is stored (applied before). */
    public boolean known(String eventId) {
        return repository.find(eventId).isPresent();
    }

    /** @param vtnId the VTN's id of the event, or null for an event pushed here (then an id is made) */
    private Submitted apply(JsonNode body, String requestedBy, String vtnId) {
        OpenAdrEvent event = OpenAdrEventReader.read(body, id -> stations.find(id).isPresent());
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String id = vtnId != null ? vtnId : "ev-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Map<String, StationMapping> mappings = new LinkedHashMap<>();
        for (String stationId : event.stationIds()) {
            mappings.put(stationId, EventMapping.map(event, planning.problemNow(stations.get(stationId)), now));
        }
        ObjectNode stored = ((ObjectNode) body).deepCopy();
        stored.put("id", id);
        if (vtnId == null || !stored.path("createdDateTime").isTextual()) {
            stored.put("createdDateTime", now.toString());
        }
        if (vtnId == null || !stored.path("modificationDateTime").isTextual()) {
            stored.put("modificationDateTime", stored.get("createdDateTime").asText());
        }
        stored.put("objectType", "EVENT");
        Instant endsAt = event.intervals().stream().map(OpenAdrEvent.Interval::end).max(Instant::compareTo)
                .orElse(now);
        repository.insert(new StoredAdrEvent(id, event.programId(), now, requestedBy, endsAt, write(stored), "{}",
                event.stationIds()));

        for (StationMapping m : mappings.values()) {
            if (!m.signals().isEmpty()) {
                stations.change(m.stationId(), (station, revision) -> {
                    repository.insertSignals(id, m.stationId(), revision, m.signals(), now);
                    return m.signals().size();
                }, count -> "OpenADR event " + id + " (" + count + " price/limit signals)");
            }
        }
        List<StationOutcome> outcomes = new ArrayList<>();
        for (StationMapping m : mappings.values()) {
            List<PayloadOutcome> payloads = new ArrayList<>(m.outcomes());
            for (DispatchRun run : m.runs()) {
                payloads.add(dispatch(m.stationId(), run, requestedBy + " via OpenADR event " + id));
            }
            outcomes.add(new StationOutcome(m.stationId(), payloads));
        }
        MappingOutcome outcome = new MappingOutcome(MappingOutcome.status(outcomes), outcomes);
        if (outcome.status().equals("DECLINED")) {
            repository.delete(id);
            return new Submitted(false, body, outcome);
        }
        repository.setOutcome(id, write(outcome));
        return new Submitted(true, stored, outcome);
    }

    /** One run of a setpoint as a firm dispatch request of the station alone (reward 0). */
    private PayloadOutcome dispatch(String stationId, DispatchRun run, String requestedBy) {
        String type = OpenAdrEvent.PayloadType.DISPATCH_SETPOINT.name();
        try {
            DispatchService.Outcome o = dispatch.submit(new DispatchService.Order(List.of(stationId), run.from(),
                    run.to(), run.kw(), 0.0, true, requestedBy));
            if (o.accepted()) {
                return new PayloadOutcome(type, run.intervalIds(), run.from(), run.to(), run.kw(), "KW",
                        Result.APPLIED, "net export ≥ " + EventMapping.kw(run.kw()) + " on top of the station's "
                        + "commitments in " + (run.toSlot() - run.fromSlot() == 1 ? "slot " + run.fromSlot()
                        : "slots " + run.fromSlot() + "-" + (run.toSlot() - 1)), o.id(), null,
                        o.stations().get(0).planVersion());
            }
            return new PayloadOutcome(type, run.intervalIds(), run.from(), run.to(), run.kw(), "KW", Result.DECLINED,
                    o.reason(), null, o.maxPossibleKw(), null);
        } catch (InvalidProblemException e) {
            return PayloadOutcome.of(type, run.intervalIds(), run.from(), run.to(), run.kw(), "KW", Result.DECLINED,
                    String.join("; ", e.errors()));
        } catch (NotReadyException e) {
            return PayloadOutcome.of(type, run.intervalIds(), run.from(), run.to(), run.kw(), "KW", Result.DECLINED,
                    e.getMessage());
        }
    }

    public StoredAdrEvent get(String id) {
        return repository.find(id).orElseThrow(() -> new NotFoundException("no OpenADR event '" + id + "'"));
    }

    /** Stored events, newest first; with a station id (which must exist), those targeting it. */
    public List<StoredAdrEvent> list(String stationId) {
        if (stationId != null) {
            stations.get(stationId);
        }
        return repository.list(stationId);
    }

    /**
     * The station's report from its current plan and flexibility ({@link OpenAdrReports}).
     *
     * @param eventId the event the report answers (it must target the station), or null for the newest that does
     * @throws NotReadyException before the station's first plan
     */
    public JsonNode report(String stationId, String eventId) {
        stations.get(stationId);
        StoredPlan plan = planning.current(stationId).orElseThrow(() -> new NotReadyException("station " + stationId
                + " has no plan yet: its first plan is being made"));
        Optional<StoredAdrEvent> event;
        if (eventId != null) {
            StoredAdrEvent e = get(eventId);
            if (!e.stationIds().contains(stationId)) {
                throw new InvalidProblemException(List.of("eventID " + eventId + " does not target station "
                        + stationId));
            }
            event = Optional.of(e);
        } else {
            event = repository.list(stationId).stream().findFirst();
        }
        return OpenAdrReports.report(plan, flexibility.of(stationId),
                event.map(StoredAdrEvent::programId).orElse(NO_EVENT), event.map(StoredAdrEvent::id).orElse(NO_EVENT),
                CLIENT_NAME);
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored OpenADR document cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
