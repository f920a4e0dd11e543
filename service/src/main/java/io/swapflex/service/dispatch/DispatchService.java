package io.swapflex.service.dispatch;

import io.swapflex.optimizer.check.CheckReport;
import io.swapflex.optimizer.check.PlanChecker;
import io.swapflex.optimizer.contract.DispatchRequest;
import io.swapflex.optimizer.contract.InvalidProblemException;
import io.swapflex.optimizer.contract.Plan;
import io.swapflex.optimizer.contract.Problem;
import io.swapflex.service.flex.FlexibilityCalculator;
import io.swapflex.service.flex.FlexibilityService;
import io.swapflex.service.plan.Commitments;
import io.swapflex.service.plan.PlanningService;
import io.swapflex.service.plan.StoredPlan;
import io.swapflex.service.station.NotFoundException;
import io.swapflex.service.station.NotReadyException;
import io.swapflex.service.station.Station;
import io.swapflex.service.station.StationService;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * The grid operator's dispatch requests: each is tried on the stations it names (re-planned with it, the plans checked
 * by {@link PlanChecker}) and either accepted — the request stored, every station's new plan committed — or declined
 * with the reason and the most kW the stations could commit over its window. A declined request changes nothing.
 */
public final class DispatchService {

    private final StationService stations;
    private final PlanningService planning;
    private final FlexibilityService flexibility;
    private final FlexibilityCalculator calculator;
    private final DispatchRepository repository;
    private final Clock clock;

    public DispatchService(StationService stations, PlanningService planning, FlexibilityService flexibility,
                           FlexibilityCalculator calculator, DispatchRepository repository, Clock clock) {
        this.stations = stations;
        this.planning = planning;
        this.flexibility = flexibility;
        this.calculator = calculator;
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * What the operator asks for (already well-formed: the REST layer checked types and signs).
     *
     * @param stationIds one station, or the stations to spread the request over (in proportion to what each can
     *                   commit over the window)
     * @param exportKw   net export (export − import) to hold in every slot of [from, to), over all the stations
     * @param firm       true: must be met; false: an offer each station's plan may accept (once accepted it is a
     *                   commitment and re-planned as firm)
     */
    public record Order(List<String> stationIds, Instant from, Instant to, double exportKw, double rewardPerKwh,
                        boolean firm, String requestedBy) {
    }

    /** The answer: ACCEPTED (with the stored request's id) or DECLINED (with the reason and the most possible). */
    public record Outcome(String id, String status, String reason, Instant from, Instant to, double exportKw,
                          double rewardPerKwh, boolean firm, Double maxPossibleKw, List<StationOutcome> stations) {
        public boolean accepted() {
            return "ACCEPTED".equals(status);
        }
    }

    /**
     * One station's part.
     *
     * @param maxPossibleKw the most firm net export the station can commit over the window (computed when the request
     *                      is spread or declined), or null
     * @param planVersion   the plan version committed with the request (accepted only)
     * @param costIncrease  the new plan's objective total less the plan before it, reward included (accepted only)
     */
    public record StationOutcome(String stationId, double exportKw, Double maxPossibleKw, Long planVersion,
                                 String planStatus, Double costIncrease, String reason) {
    }

    /** What one station's trial found, before anything is committed. */
    private record Trial(String stationId, long revision, Problem problem, Plan plan, double before, String failure) {
    }

    public Outcome submit(Order order) {
        List<String> ids = new ArrayList<>(new TreeSet<>(order.stationIds()));
        for (String id : ids) {
            stations.get(id);
        }
        List<ReentrantLock> held = new ArrayList<>();
        try {
            for (String id : ids) { // in id order: two requests never wait on each other's stations
                ReentrantLock lock = planning.lock(id);
                lock.lock();
                held.add(lock);
            }
            return submitLocked(order);
        } finally {
            held.forEach(ReentrantLock::unlock);
        }
    }

    private Outcome submitLocked(Order order) {
        Map<String, Problem> problems = new LinkedHashMap<>();
        Map<String, StoredPlan> currents = new LinkedHashMap<>();
        Map<String, Long> revisions = new LinkedHashMap<>();
        Map<String, int[]> windows = new LinkedHashMap<>();
        for (String id : order.stationIds()) {
            Station station = stations.get(id);
            StoredPlan current = planning.current(id).orElseThrow(() -> new NotReadyException("station " + id
                    + " has no plan yet: its first plan is being made"));
            Problem problem = planning.problemNow(station);
            problems.put(id, problem);
            currents.put(id, current);
            revisions.put(id, station.revision());
            windows.put(id, slots(problem, order.from(), order.to()));
        }
        String requestId = newId(problems.values());

        // The shares: all of it for one station; else in proportion to what each can commit over the window.
        Map<String, Double> shares = new LinkedHashMap<>();
        Map<String, FlexibilityCalculator.Proven> proven = new LinkedHashMap<>();
        if (order.stationIds().size() == 1) {
            shares.put(order.stationIds().get(0), order.exportKw());
        } else {
            double sum = 0;
            for (String id : order.stationIds()) {
                FlexibilityCalculator.Proven p = prove(id, problems.get(id), currents.get(id), windows.get(id));
                proven.put(id, p);
                sum += p.exportKw();
            }
            if (sum < order.exportKw() - 1e-9) {
                return declined(order, String.format(Locale.ROOT, "the stations can commit at most %.2f kW of net "
                        + "export together over the window, %.2f kW asked", sum, order.exportKw()), sum, proven,
                        Map.of());
            }
            for (String id : order.stationIds()) {
                double x = proven.get(id).exportKw();
                if (x > 0) {
                    shares.put(id, order.exportKw() * x / sum);
                }
            }
        }

        List<Trial> trials = new ArrayList<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (Map.Entry<String, Double> share : shares.entrySet()) {
            String id = share.getKey();
            Trial trial = trial(id, revisions.get(id), problems.get(id), currents.get(id), windows.get(id),
                    requestId, share.getValue(), order, proven.get(id));
            trials.add(trial);
            if (trial.failure() != null) {
                failures.put(id, trial.failure());
            }
        }
        if (!failures.isEmpty()) {
            double most = 0;
            for (String id : order.stationIds()) {
                proven.computeIfAbsent(id, k -> prove(k, problems.get(k), currents.get(k), windows.get(k)));
                most += proven.get(id).exportKw();
            }
            String reason = failures.size() == 1 && order.stationIds().size() == 1
                    ? failures.values().iterator().next()
                    : String.join("; ", failures.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
            return declined(order, reason + String.format(Locale.ROOT, "; the most that can be committed over this "
                    + "window is %.2f kW", most), most, proven, failures);
        }

        // Accepted: store the request (the versions are the next ones: the stations' locks are held), then the plans.
        List<StoredDispatch.Allocation> allocations = new ArrayList<>();
        for (Trial trial : trials) {
            long version = currents.get(trial.stationId()).version() + 1;
            allocations.add(new StoredDispatch.Allocation(trial.stationId(), shares.get(trial.stationId()), version,
                    round(trial.plan().objective().total() - trial.before())));
        }
        StoredDispatch stored = new StoredDispatch(requestId, order.from(), order.to(), order.exportKw(),
                order.rewardPerKwh(), order.firm(), order.requestedBy(), clock.instant(), allocations);
        repository.insert(stored);
        List<StationOutcome> outcomes = new ArrayList<>();
        for (Trial trial : trials) {
            StoredPlan committed = planning.commit(trial.stationId(), trial.revision(), "dispatch request "
                    + requestId, firm(trial.problem(), requestId), trial.plan());
            FlexibilityCalculator.Proven p = proven.get(trial.stationId());
            outcomes.add(new StationOutcome(trial.stationId(), shares.get(trial.stationId()),
                    p == null ? null : p.exportKw(), committed.version(), committed.plan().status().name(),
                    round(committed.plan().objective().total() - trial.before()), null));
        }
        return new Outcome(requestId, "ACCEPTED", null, order.from(), order.to(), order.exportKw(),
                order.rewardPerKwh(), order.firm(), null, outcomes);
    }

    /** Re-plans one station with its share added, and judges the plan. Commits nothing. */
    private Trial trial(String id, long revision, Problem problem, StoredPlan current, int[] window, String requestId,
                        double kw, Order order, FlexibilityCalculator.Proven known) {
        Problem target = Commitments.addOnTop(problem, requestId, window[0], window[1], kw, order.rewardPerKwh(),
                order.firm());
        double before = current.plan().objective().total();
        int unservedLimit = current.plan().unservedTotal();
        List<Plan> extra = new ArrayList<>();
        FlexibilityCalculator.Proven p = known != null ? known
                : flexibility.proven(id, problem, window[0], window[1]).orElse(null);
        if (p != null && p.witness() != null && kw <= p.exportKw() + 1e-9) {
            Plan adapted = FlexibilityCalculator.adapt(p.witness(), target, requestId);
            if (adapted != null) {
                extra.add(adapted);
            }
        }
        if (!order.firm()) {
            // the current plan declines the offer and is a plan of the target as it is: the offer is taken only where a
            // plan meeting it costs less, its reward counted (a witness that meets it at a loss must not win over a
            // weak solve by default)
            extra.add(current.plan());
        }
        Plan plan = planning.solveBest(id, target, extra, true);
        CheckReport report = PlanChecker.check(target, plan);
        String failure = null;
        boolean met = plan.acceptedDispatchRequests() != null
                && plan.acceptedDispatchRequests().containsAll(Commitments.runs(target, requestId));
        if (!report.hardRulesMet()) {
            failure = String.format(Locale.ROOT, "no plan holds %.2f kW more net export (on top of what is committed) "
                    + "in every slot of the window: %s", kw, report.violations().isEmpty() ? plan.status().name()
                    : report.violations().get(0).replaceAll("firm request " + Pattern.quote(requestId) + "(@[0-9]+)?'s",
                    "the requested level's"));
        } else if (plan.unservedTotal() > unservedLimit) {
            failure = String.format(Locale.ROOT, "holding %.2f kW of net export over the window leaves %d swaps "
                    + "unserved where the current plan leaves %d", kw, plan.unservedTotal(), unservedLimit);
        } else if (!met || (!order.firm() && offerReward(target, requestId) <= 1e-9)) {
            // an offer the best plan meets only because its schedule exports anyway (a flexibility witness) is still
            // declined when its reward is nothing: the same schedule declining it costs no more
            failure = String.format(Locale.ROOT, "the plan declines the offer of %.2f kW: its reward of %.2f per kWh "
                    + "does not pay for delivering it", kw, order.rewardPerKwh());
        }
        return new Trial(id, revision, target, plan, before, failure);
    }

    /** What the request's runs pay over their windows. */
    private static double offerReward(Problem target, String requestId) {
        double reward = 0;
        for (DispatchRequest r : target.requests()) {
            if (Commitments.isRunOf(r.id(), requestId)) {
                reward += r.totalReward(target.slotHours());
            }
        }
        return reward;
    }

    /**
     * The problem with the accepted request firm: as every later re-plan has it. The plan, which met it, is a plan of
     * this problem too, with the same objective (firm and accepted requests are paid alike); a bound of the offer's
     * problem still bounds this more constrained one.
     */
    private static Problem firm(Problem p, String requestId) {
        List<DispatchRequest> requests = new ArrayList<>();
        for (DispatchRequest r : p.requests()) {
            requests.add(Commitments.isRunOf(r.id(), requestId) && !r.isFirm()
                    ? new DispatchRequest(r.id(), r.fromSlot(), r.toSlot(), r.exportKw(), r.rewardPerKwh(), true) : r);
        }
        return new Problem(p.formatVersion(), p.stationId(), p.horizon(), p.site(), p.packTypes(), p.bays(),
                p.swapDemand(), p.tariff(), requests, p.unservedSwapPenalty());
    }

    private FlexibilityCalculator.Proven prove(String id, Problem problem, StoredPlan current, int[] window) {
        return flexibility.proven(id, problem, window[0], window[1])
                .orElseGet(() -> calculator.maxExport(problem, current.plan(), window[0], window[1]));
    }

    private Outcome declined(Order order, String reason, double most, Map<String, FlexibilityCalculator.Proven> proven,
                             Map<String, String> failures) {
        List<StationOutcome> outcomes = new ArrayList<>();
        for (String id : order.stationIds()) {
            FlexibilityCalculator.Proven p = proven.get(id);
            outcomes.add(new StationOutcome(id, 0, p == null ? null : p.exportKw(), null, null, null,
                    failures.get(id)));
        }
        return new Outcome(null, "DECLINED", reason, order.from(), order.to(), order.exportKw(), order.rewardPerKwh(),
                order.firm(), Math.floor(most * 100 + 1e-9) / 100, outcomes);
    }

    /**
     * The window as slots of the problem's horizon.
     *
     * @throws InvalidProblemException (400, path from or to) off the slot grid or outside the horizon
     */
    static int[] slots(Problem problem, Instant from, Instant to) {
        OffsetDateTime start = problem.horizon().startTime();
        long slotSeconds = problem.horizon().slotMinutes() * 60L;
        Instant end = start.plusSeconds(slotSeconds * problem.slots()).toInstant();
        String grid = "slots of " + problem.horizon().slotMinutes() + " min from " + start + " to "
                + end.atOffset(start.getOffset()) + " (station " + problem.stationId() + ")";
        List<String> errors = new ArrayList<>();
        long fromOffset = from.getEpochSecond() - start.toEpochSecond();
        long toOffset = to.getEpochSecond() - start.toEpochSecond();
        if (!from.isBefore(to)) {
            errors.add("to must be after from (" + from + " ≥ " + to + ")");
        }
        if (from.getNano() != 0 || Math.floorMod(fromOffset, slotSeconds) != 0) {
            errors.add("from " + from + " is not on a slot boundary: " + grid);
        } else if (fromOffset < 0) {
            errors.add("from " + from + " is before the current slot: " + grid);
        }
        if (to.getNano() != 0 || Math.floorMod(toOffset, slotSeconds) != 0) {
            errors.add("to " + to + " is not on a slot boundary: " + grid);
        } else if (to.isAfter(end)) {
            errors.add("to " + to + " is after the end of the planning horizon: " + grid);
        }
        if (!errors.isEmpty()) {
            throw new InvalidProblemException(errors);
        }
        return new int[]{(int) (fromOffset / slotSeconds), (int) (toOffset / slotSeconds)};
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    private static String newId(Iterable<Problem> problems) {
        while (true) {
            String id = "dr-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            boolean used = false;
            for (Problem p : problems) {
                used |= p.requests().stream().anyMatch(r -> r.id().equals(id));
            }
            if (!used) {
                return id;
            }
        }
    }

    public StoredDispatch get(String id) {
        return repository.find(id).orElseThrow(() -> new NotFoundException("no dispatch request '" + id + "'"));
    }

    /** Stored requests, newest first; with a station id (which must exist), the ones that station delivers. */
    public List<StoredDispatch> list(String stationId) {
        if (stationId != null) {
            stations.get(stationId);
        }
        return repository.list(stationId);
    }

    public Optional<StoredDispatch> find(String id) {
        return repository.find(id);
    }

    public Instant now() {
        return clock.instant();
    }
}
