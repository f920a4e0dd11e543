package io.swapflex.service.station;

import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.ProblemValidator;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Registers stations and applies their battery events. Every change bumps the station's revision and is handed to the
 * change listener (the re-planner), after it is committed.
 *
 * <p>Stations are kept in memory as last committed: every schedule pull, event and plan asks for its station, and
 * reading it from the database each time (its registration is a problem document to parse) cost more than the rest of
 * those requests together under load. This service is the only writer of stations (one service process owns its
 * database), so the copy is exact: a write updates it under the station's lock after its transaction committed, a
 * failed write drops it (the next read goes to the database), and a station not in memory is read under the same
 * lock, so a read never puts back a copy older than a concurrent write's.
 */
public final class StationService {

    /** The longest station, bay or pack type id the database stores (VARCHAR(200)). */
    /** The longest id the database stores (the validator refuses longer ones). */
    public static final int MAX_ID_LENGTH = ProblemValidator.MAX_ID_LENGTH;

    private final StationRepository repository;
    private final Clock clock;
    private final BiConsumer<String, String> onChange;
    /** One writer at a time per station: a registration and an event must not interleave their read-modify-write. */
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();
    /** The stations as last committed; see the class comment. */
    private final ConcurrentHashMap<String, Station> cache = new ConcurrentHashMap<>();

    /**
     * @param onChange called with (station id, reason) after every committed change
     */
    public StationService(StationRepository repository, Clock clock, BiConsumer<String, String> onChange) {
        this.repository = repository;
        this.clock = clock;
        this.onChange = onChange;
    }

    /** The result of a registration: the station as stored, and whether it was new. */
    public record Registration(Station station, boolean created) {
    }

    /**
     * Registers a station or replaces its registration. The problem must pass {@link ProblemValidator}; its bays'
     * SOC become the bays' state.
     *
     * @param expectedVersion the version the caller replaces (from If-Match), or null to register unconditionally
     * @throws InvalidProblemException the problem's contract errors, each with its JSON path
     * @throws ConflictException       when expectedVersion is not the stored version
     */
    public Registration register(Problem problem, Long expectedVersion) {
        ProblemValidator.requireValid(problem); // ids included: at most the database columns' width
        String id = problem.stationId();
        Registration registration;
        synchronized (lock(id)) {
            Optional<Station> existing = find(id);
            if (expectedVersion != null) {
                long actual = existing.map(Station::version).orElse(0L);
                if (actual != expectedVersion) {
                    throw new ConflictException("station " + id + " is at version " + actual + ", the request replaces "
                            + expectedVersion);
                }
            }
            Instant now = clock.instant();
            List<BayState> bays = new ArrayList<>();
            for (Bay bay : problem.bays()) {
                bays.add(new BayState(bay.id(), bay.packType(), true, bay.soc()));
            }
            Station station = new Station(id, existing.map(s -> s.version() + 1).orElse(1L),
                    existing.map(s -> s.revision() + 1).orElse(1L), problem, bays,
                    existing.map(Station::createdAt).orElse(now), now);
            try {
                repository.save(station);
            } catch (RuntimeException e) {
                cache.remove(id);
                throw e;
            }
            // the station as the database holds it (its registration as written and read back), as a later read would
            cache.put(id, repository.find(id).orElse(station));
            registration = new Registration(station, existing.isEmpty());
        }
        onChange.accept(id, registration.created() ? "registered" : "registration updated");
        return registration;
    }

    public Station get(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("no station '" + id + "'"));
    }

    public Optional<Station> find(String id) {
        Station known = cache.get(id);
        if (known != null) {
            return Optional.of(known);
        }
        synchronized (lock(id)) {
            known = cache.get(id);
            if (known != null) {
                return Optional.of(known);
            }
            Optional<Station> stored = repository.find(id);
            stored.ifPresent(station -> cache.put(id, station));
            return stored;
        }
    }

    /** Every station, by id. */
    public List<Station> list() {
        List<Station> all = new ArrayList<>();
        for (String id : repository.ids()) {
            find(id).ifPresent(all::add);
        }
        return all;
    }

    public List<StoredEvent> events(String id, int limit) {
        get(id);
        return repository.events(id, limit);
    }

    /**
     * Applies a battery event: the bay's new state, the event and the station's new revision are committed together.
     *
     * @throws NotFoundException       for an unknown station
     * @throws InvalidProblemException a malformed event (path-named: {@code bayId}, {@code socFraction}...)
     * @throws ConflictException       an event that contradicts the bay's state (a pack into an occupied bay, a pack
     *                                 out of or a SOC for an empty bay)
     */
    public StoredEvent apply(String stationId, BatteryEvent event) {
        StoredEvent stored;
        synchronized (lock(stationId)) {
            Station station = get(stationId);
            List<String> errors = new ArrayList<>();
            if (event.kind() == null) {
                errors.add("kind is required (PACK_IN, PACK_OUT or SOC)");
            }
            BayState bay = null;
            if (event.bayId() == null || event.bayId().isBlank()) {
                errors.add("bayId is required");
            } else {
                bay = station.bay(event.bayId());
                if (bay == null) {
                    errors.add("bayId '" + event.bayId() + "' is not a bay of station " + stationId);
                }
            }
            boolean needsSoc = event.kind() == BatteryEvent.Kind.PACK_IN || event.kind() == BatteryEvent.Kind.SOC;
            if (needsSoc && event.socFraction() == null) {
                errors.add("socFraction is required for " + event.kind());
            } else if (event.socFraction() != null && !(event.socFraction() >= 0 && event.socFraction() <= 1)) {
                errors.add("socFraction must be in [0, 1], is " + event.socFraction());
            }
            if (!errors.isEmpty()) {
                throw new InvalidProblemException(errors);
            }
            BayState next = switch (event.kind()) {
                case PACK_IN -> {
                    if (bay.packPresent()) {
                        throw new ConflictException("bay " + bay.bayId() + " already holds a pack");
                    }
                    yield bay.withPack(event.socFraction());
                }
                case PACK_OUT -> {
                    if (!bay.packPresent()) {
                        throw new ConflictException("bay " + bay.bayId() + " holds no pack to take out");
                    }
                    yield bay.empty();
                }
                case SOC -> {
                    if (!bay.packPresent()) {
                        throw new ConflictException("bay " + bay.bayId() + " holds no pack to report a SOC for");
                    }
                    yield bay.withPack(event.socFraction());
                }
            };
            Instant now = clock.instant();
            BatteryEvent complete = event.occurredAt() != null ? event
                    : new BatteryEvent(event.kind(), event.bayId(), event.socFraction(), now);
            try {
                stored = repository.recordEvent(stationId, station.revision() + 1, complete, next, now);
            } catch (RuntimeException e) {
                cache.remove(stationId);
                throw e;
            }
            List<BayState> bays = new ArrayList<>(station.bays());
            bays.replaceAll(b -> b.bayId().equals(next.bayId()) ? next : b);
            cache.put(stationId, new Station(stationId, station.version(), stored.revision(), station.registration(),
                    bays, station.createdAt(), now));
        }
        onChange.accept(stationId, "battery event " + event.kind() + " " + event.bayId());
        return stored;
    }

    /**
     * Another change of the station's state than a registration or a battery event (an uploaded forecast): under the
     * station's lock, {@code commit} stores it together with the station's next revision (it is given the station and
     * that revision); the change listener hears of it once committed.
     *
     * @param reason   why the station is re-planned, from what was committed
     * @throws NotFoundException for an unknown station
     */
    public <T> T change(String stationId, BiFunction<Station, Long, T> commit, Function<T, String> reason) {
        T result;
        synchronized (lock(stationId)) {
            Station station = get(stationId);
            try {
                result = commit.apply(station, station.revision() + 1);
            } finally {
                // what the commit changed is in the database only: read the station afresh next time
                cache.remove(stationId);
            }
        }
        onChange.accept(stationId, reason.apply(result));
        return result;
    }

    private Object lock(String id) {
        return locks.computeIfAbsent(id, k -> new Object());
    }
}
