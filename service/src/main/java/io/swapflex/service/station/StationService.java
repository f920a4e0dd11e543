package io.swapflex.service.station;

import io.swapflex.optimizer.contract.Bay;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.optimizer.contract.ProblemValidator;

import io.swapflex.service.common.jobs.GroupCommit;

import java.time.Clock;
import java.time.Instant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Registers stations and applies their battery events. Every change bumps the station's revision and is handed to the
 * change listener (the re-planner), after it is committed.
 *
 * <p>Every change of a station is written by one thread ({@link GroupCommit}), in the order the changes came: battery
 * events are checked against the station's state there and stored many to a transaction (group commit: under load
 * one commit, one file write or {@code fsync}, serves hundreds of events), and each event is answered only once its
 * transaction committed. A registration or another change runs alone on the same thread, in its place. So the events
 * of a station keep their order, each is checked against the state its predecessors left, and a batch that fails
 * leaves nothing behind in memory (the stations' copies are updated only after a commit). When too many events wait
 * already, a new one is refused at once (429 with Retry-After) instead of being answered late.
 *
 * <p>Stations are kept in memory as last committed: every schedule pull, event and plan asks for its station, and
 * reading it from the database each time (its registration is a problem document to parse) cost more than the rest of
 * those requests together under load. This service is the only writer of stations (one service process owns its
 * database), so the copy is exact: the writer thread updates it after its transaction committed, a failed write drops
 * it (the next read goes to the database), and a station not in memory is read under the station's lock, the one the
 * writer updates the copy under, so a read never puts back a copy older than a concurrent write's.
 */
public final class StationService {

    /** The longest id the database stores (the validator refuses longer ones). */
    public static final int MAX_ID_LENGTH = ProblemValidator.MAX_ID_LENGTH;

    /** Default group commit: at most 2,000 events waiting, at most 500 a transaction, try again after 1 s. */
    public static final GroupCommit.Settings DEFAULT_WRITES = new GroupCommit.Settings(2_000, 500, 1);

    private final StationRepository repository;
    private final Clock clock;
    private final BiConsumer<String, String> onChange;
    /** Guards filling and replacing a station's copy (see the class comment). */
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();
    /** The stations as last committed; see the class comment. */
    private final ConcurrentHashMap<String, Station> cache = new ConcurrentHashMap<>();
    private final GroupCommit<BatteryEventFor, StoredEvent> writes;

    /**
     * @param onChange called with (station id, reason) after every committed change
     */
    public StationService(StationRepository repository, Clock clock, BiConsumer<String, String> onChange) {
        this(repository, clock, onChange, DEFAULT_WRITES);
    }

    /**
     * @param onChange called with (station id, reason) after every committed change
     * @param writes   the battery events' group commit: queue bound, events a transaction, Retry-After
     */
    public StationService(StationRepository repository, Clock clock, BiConsumer<String, String> onChange,
                          GroupCommit.Settings writes) {
        this.repository = repository;
        this.clock = clock;
        this.onChange = onChange;
        this.writes = new GroupCommit<>("battery events", this::store, writes);
    }

    /** A battery event for a station, as queued for the writer. */
    private record BatteryEventFor(String stationId, BatteryEvent event) {
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
        Registration registration = GroupCommit.await(writes.exclusive(() -> registerNow(problem, expectedVersion)));
        onChange.accept(id, registration.created() ? "registered" : "registration updated");
        return registration;
    }

    /** On the writer thread. */
    private Registration registerNow(Problem problem, Long expectedVersion) {
        String id = problem.stationId();
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
            forget(id);
            throw e;
        }
        // the station as the database holds it (its registration as written and read back), as a later read would
        reread(id);
        return new Registration(station, existing.isEmpty());
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
     * Applies a battery event: the bay's new state, the event and the station's new revision are committed together
     * (with other events: group commit); returns once committed.
     *
     * @throws NotFoundException       for an unknown station
     * @throws InvalidProblemException a malformed event (path-named: {@code bayId}, {@code socFraction}...)
     * @throws ConflictException       an event that contradicts the bay's state (a pack into an occupied bay, a pack
     *                                 out of or a SOC for an empty bay)
     * @throws io.swapflex.service.common.jobs.BusyException when too many events wait to be stored already
     */
    public StoredEvent apply(String stationId, BatteryEvent event) {
        get(stationId); // an unknown station is refused here, not queued
        return GroupCommit.await(writes.submit(new BatteryEventFor(stationId, event)));
    }

    /**
     * On the writer thread: checks each event against its station's state as the events before it leave it, stores
     * those that pass in one transaction, and only then updates the stations' copies and tells the change listener.
     */
    private List<GroupCommit.Outcome<StoredEvent>> store(List<BatteryEventFor> batch) {
        Instant now = clock.instant();
        Map<String, Station> after = new LinkedHashMap<>();
        List<StationRepository.NewEvent> accepted = new ArrayList<>();
        List<GroupCommit.Outcome<StoredEvent>> outcomes = new ArrayList<>(batch.size());
        for (BatteryEventFor e : batch) {
            try {
                Station station = after.containsKey(e.stationId()) ? after.get(e.stationId()) : get(e.stationId());
                BayState next = BatteryEvents.next(station, e.event());
                BatteryEvent complete = e.event().occurredAt() != null ? e.event()
                        : new BatteryEvent(e.event().kind(), e.event().bayId(), e.event().socFraction(), now);
                List<BayState> bays = new ArrayList<>(station.bays());
                bays.replaceAll(b -> b.bayId().equals(next.bayId()) ? next : b);
                Station changed = new Station(station.id(), station.version(), station.revision() + 1,
                        station.registration(), bays, station.createdAt(), now);
                after.put(e.stationId(), changed);
                accepted.add(new StationRepository.NewEvent(e.stationId(), changed.revision(), complete, next));
                outcomes.add(null); // written below
            } catch (RuntimeException refused) {
                outcomes.add(GroupCommit.Outcome.refused(refused));
            }
        }
        if (accepted.isEmpty()) {
            return outcomes;
        }
        List<StoredEvent> stored;
        try {
            stored = repository.recordEvents(accepted, now);
        } catch (RuntimeException e) {
            after.keySet().forEach(this::forget);
            throw e;
        }
        after.forEach((id, station) -> {
            synchronized (lock(id)) {
                cache.put(id, station);
            }
        });
        int next = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) == null) {
                StoredEvent event = stored.get(next++);
                outcomes.set(i, GroupCommit.Outcome.written(event));
                onChange.accept(event.stationId(), "battery event " + event.event().kind() + " "
                        + event.event().bayId());
            }
        }
        return outcomes;
    }

    /**
     * Another change of the station's state than a registration or a battery event (an uploaded forecast): on the
     * writer thread, in its place among the station's events, {@code commit} stores it together with the station's
     * next revision (it is given the station and that revision); the change listener hears of it once committed.
     *
     * @param reason   why the station is re-planned, from what was committed
     * @throws NotFoundException for an unknown station
     */
    public <T> T change(String stationId, BiFunction<Station, Long, T> commit, Function<T, String> reason) {
        get(stationId);
        T result = GroupCommit.await(writes.exclusive(() -> {
            Station station = get(stationId);
            try {
                return commit.apply(station, station.revision() + 1);
            } finally {
                // what the commit changed is in the database only: read the station afresh
                reread(stationId);
            }
        }));
        onChange.accept(stationId, reason.apply(result));
        return result;
    }

    /** Stops the writer once what is queued is stored (at most 5 s), and gives its connection back. */
    public void shutdown() {
        writes.close();
        repository.close();
    }

    /** Replaces the station's copy with the database's (or drops it when the database cannot be read). */
    private void reread(String id) {
        synchronized (lock(id)) {
            cache.remove(id);
            try {
                repository.find(id).ifPresent(station -> cache.put(id, station));
            } catch (RuntimeException e) {
                // the next read tries again
            }
        }
    }

    /** Drops the station's copy: a write failed, and what the database holds is read again next time. */
    private void forget(String id) {
        synchronized (lock(id)) {
            cache.remove(id);
        }
    }

    private Object lock(String id) {
        return locks.computeIfAbsent(id, k -> new Object());
    }
}
