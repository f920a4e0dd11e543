package io.swapflex.optimizer.flow;

import io.swapflex.optimizer.contract.Plan;

/**
 * The schedule of one solve. The dual ascent runs on its own thread (the subproblem's cost does not grow with the
 * bays, so it keeps the second core busy); the plan search runs on the caller's thread and reads the newest
 * multipliers whenever it needs prices. Both stop at the gap target or the deadline.
 *
 * <p>Plan search: the first plan (a price-directed construction, or the warm start projected) is descended by
 * best-response sweeps (the first guided one under penalty continuation, {@link PrimalSearch#constructContinued});
 * then rounds cycle through swap repairs ({@link PrimalSearch#repairSwaps}), random
 * large-neighbourhood moves ({@link PrimalSearch#lns}), swap repairs again, and a fresh construction with the newest
 * prices (kept when better) with, where there are offers, each offer flipped. Stations above {@link
 * #CONSTRUCT_MAX_BAYS} bays make no constructions after the swap-first plan: their fourth rounds flip the offers and
 * make group moves, and up to {@link #SOFT_REPAIR_MAX_BAYS} bays the rounds repair swaps while that pays; above it the
 * fourth rounds hand swaps from bay to bay instead of the group moves ({@link PrimalSearch#transferSwaps}).
 * Every {@value #HOLE_ROUNDS}th round fills the meter's idle slots before swaps that go unserved ({@link
 * PrimalSearch#fillHoles}).
 *
 * <p>Deterministic solves ({@link SolveClock#isVirtual()}): no dual thread; the caller's thread takes the dual steps
 * itself at fixed points — {@value #FIRST_DUAL_ITERATIONS} before the first guided construction, {@value
 * #DUAL_STEPS_PER_ROUND} before each round — and every deadline is read on the virtual clock, so the same problem gives
 * the same plan on any machine and under any load.
 *
 * <p>Pipelined deterministic solves (a virtual clock and a dual thread): the dual thread takes the same batches of
 * steps ({@value #FIRST_DUAL_ITERATIONS} from the start, {@value #SHORT_FIRST_DUAL_ITERATIONS} in a short solve;
 * {@link #pipelinedStepsPerRound} from each round's start) while the search runs; at each of those points the search waits for the batch in flight, freezes the dual's best
 * multipliers and bound (all it reads until the next point), decides the coarse-to-fine switch on its virtual clock and
 * hands the next batch the best plan total known then. What the threads exchange is fixed by the search's virtual
 * time alone, so the plan is the same under any load; the batch in flight at the end is dropped.
 */
final class SearchLoop {

    private static final int FIRST_DUAL_ITERATIONS = 300;
    /** The first batch of a pipelined short solve, whose search waits for it (see {@link #run}). */
    private static final int SHORT_FIRST_DUAL_ITERATIONS = 50;
    /** Dual steps before each round of a deterministic solve (the dual has no thread of its own there). */
    static final int DUAL_STEPS_PER_ROUND = 50;
    /**
     * Dual steps per round of a pipelined solve (they run beside the round, on the second core). Measured on the
     * 12–100-bay ladder, seeds 1–3, 2 s: with 50 the dual idled and the bound was far behind the wall-clock mode's
     * (21 bays: gaps 10.8–19.5 % against 1.4–1.7 %); with 150 the gaps were the wall-clock mode's (1.5–2.1 %, 50 bays
     * 2.0 against 3.1 %), plans within 0.4 % of it either way; with 400 the search waited for the dual.
     */
    static final int PIPELINED_STEPS_PER_ROUND = 150;
    /** Share of the time the swap-first plan may be polished before the other constructions start. */
    private static final double SWEEP_SHARE = 0.15;
    /** Below this much search time a cold solve starts from the swap-first plan alone. */
    static final long SHORT_SOLVE_NANOS = Long.getLong("swapflex.flow.shortSolveMillis", 400) * 1_000_000L;
    /**
     * Where a solve's dual keeps the volume algorithm ({@link FlowScheduler}: up to 60 bays), a solve (or a stage of a
     * staged solve) of {@link #SHORT_SOLVE_NANOS} or more spends the time after this share on the bound alone: the dual
     * hands its ascent to the {@link ProximalBundle} from its best multipliers, and the plan search keeps the prices it
     * read at that moment. What the solve hands on (the prices a later stage or a re-plan starts from, the relaxed row
     * of {@link RelaxedRow}) is the volume algorithm's at that moment too; the bundle's best multipliers only floor the
     * next solve's bound. The bundle's prices cost plans at these sizes (the 50-bay ladder station of seed 1 lost a
     * swap with them), but its bound climbs where the volume algorithm stalls: from 3,000 volume steps on the fine
     * lattice of the 50-bay station of seed 2 (4,965 THB), 3,000 more reach 5,093, 3,000 bundle steps 5,645. The share
     * was measured on the 12–60-bay stations (ladder and held-out, seeds 1–3, work budgets, 2 s): from 0.4 the bounds
     * rose most (50 bays of seed 2: 4,945 → 5,315 THB), but the search, left with the fine ascent's first prices, lost
     * a swap on the 50-bay station of seed 1 (solver seed 1) and 1.1 % on that of seed 2 (solver seed 2); from 0.5 the
     * second of those again; from 0.6 every 2 s plan stayed within the search's noise (docs/model.md has the tables).
     */
    static final double BOUND_PHASE_SHARE = 0.6;
    /** Share of a cold or fresh ascent's time on the coarse relaxed network, before the fine one. */
    static final double COARSE_SHARE = 0.4;
    /**
     * Weight of the dual prices in a construction (1: prices only, hard limits against the bays placed). Measured on
     * the 12- and 50-bay stations: 0.5–0.8 serve the most swaps; 1.0 lets identical bays pile onto tied slots and
     * leaves twice as many swaps unserved; 0 (no prices) is as bad.
     */
    static final double GUIDE = 0.6;
    /** Weights tried by later constructions, for diversity. */
    private static final double[] GUIDES = {0.6, 0.4, 0.8};
    /** Weight of the dual prices when a group is re-inserted in a large-neighbourhood move (0 was worst). */
    static final double LNS_GUIDE = 0.6;
    /**
     * Stations up to this many bays cycle their swap repairs' meter limits ({@link PrimalSearch#REPAIR_CYCLE}); larger
     * ones keep them hard. Measured (2 s and 10 s work budgets, seeds 1–3): at 100 and 400 bays the soft repairs'
     * sweeps cost the other moves more than they found (400 bays of seed 1 at 10 s 92,462 against 92,160; of seed 3 at
     * 2 s 104,357 against 103,832), at 12–50 bays they served the swaps of bursts (12 bays of seed 3 582.6 → 444.6).
     */
    static final int SOFT_REPAIR_MAX_BAYS = 60;
    /**
     * Stations up to this many bays build plans by constructions (the price-blind one and the price-guided one at the
     * start of a cold solve, a fresh one every fourth round); larger ones spend that time on large-neighbourhood moves
     * after the swap-first plan, and their fourth rounds flip the offers and make group moves. Traced on the 400-bay
     * ladder station of seed 1 (2 s work budget): the constructions took 1.1 s of the search's 1.8 s and never gave
     * the best plan (the price-blind one 115,977 and the guided one 107,535 against the swap-first plan's 94,515),
     * while one round of group moves took it from 94,350 to 92,848. Measured (issue 15, 2 s work budgets, ladder seeds
     * 1–3, solver seeds 1–3 up to 50 bays), totals before → after: 50 bays means 3,121 / 6,868 / 4,345 → 2,985 / 6,745
     * / 4,346 (seed 1: 4, 1, 3 swaps unserved → 2, 1, 2), 100 bays 13,638 / 8,552 / 10,491 → 13,628 / 8,559 / 10,464,
     * 400 bays 92,847 / 79,622 / 103,832 → 92,022 / 79,448 / 103,529 (0.2–0.9 % better). At 12–21 bays the change was
     * within the search's noise and on the 15-bay van and truck depot it found the better of its two plans (17,877
     * against 18,124) less often, so small stations keep their constructions. From 31 to {@link #SOFT_REPAIR_MAX_BAYS}
     * bays the rounds repair swaps as long as a repair pays and make group moves after one that did not: over six
     * solver seeds at 2 s the 50-bay station of seed 1 left 1 swap unserved in five runs (two before), means 2,986 /
     * 6,794 / 4,344 → 2,940 / 6,786 / 4,342 (seeds 1–3); at 10 s 2,888 / 6,667 / 4,335 → 2,891 / 6,673 / 4,334. With
     * swap repairs only, 2 s gave 2,918 / 6,750 / 4,353 and 10 s 2,891 / 6,682 / 4,351 (the group moves' polish missed).
     */
    static final int CONSTRUCT_MAX_BAYS = 30;
    /** Group sizes of the swap repairs: on 12 and 50 bays groups of 12 served the most swaps (4 and 8 fewer). */
    private static final int[] REPAIR_GROUPS = {12, 20, 8};
    /** Group sizes of the large-neighbourhood moves (0: a fifth of the type); larger groups served more swaps. */
    private static final int[] LNS_GROUPS = {4, 10, 0, 16};

    private final StationModel model;
    private final boolean sweep;
    /** The dual being ascended: first on a coarse relaxed network, then on the fine one (see {@link #ascend}). */
    private volatile LagrangianDual dual;
    private final LagrangianDual fine;
    private volatile double coarseBound = Double.NEGATIVE_INFINITY;
    /** The plan search: on the coarse lattice until {@link #primalSwitchAt} where {@link #coarseFirst} set one. */
    private PrimalSearch search;
    /** The fine plan search waiting for the coarse-to-fine move (null: none). */
    private PrimalSearch fineSearch;
    private double primalShare;
    private long primalSwitchAt = Long.MAX_VALUE;
    private final double gapTarget;
    private final long deadline;
    private final SolveClock clock;
    /** When the ascent moves from the coarse relaxed network to the fine one. */
    private long switchAt;
    private volatile PrimalState best;
    private volatile double bestTotal = Double.POSITIVE_INFINITY;
    private volatile boolean stop;
    int rounds;
    /**
     * A deterministic solve with a dual thread ({@link #pipelined}): the ascent runs in batches on {@link #worker}
     * between sync points of the plan search, and the search reads only what the last sync froze.
     */
    private final boolean pipelined;
    private java.util.concurrent.ExecutorService worker;
    private java.util.concurrent.Future<?> batch;
    private volatile boolean cancel;
    /** Pipelined, once the wall clock paces the search: the dual runs free and the search reads it live. */
    private volatile boolean free;
    /** Pipelined: the dual as frozen at the last sync point (prices and bound the search reads). */
    private LagrangianDual synced;
    /** A warm start's plan as projected, before any search: kept unless a strictly better plan is found. */
    private PrimalState anchor;
    /** The warm start's own total: equal to the projected plan's when the problem did not change. */
    private double warmTotal = Double.NaN;
    private double syncedBound = Double.NEGATIVE_INFINITY;
    /** Pipelined on a work-charged clock: the virtual time of the last sync point (-1 before the first). */
    private long lastSync = -1;

    SearchLoop(StationModel model, LagrangianDual fine, LagrangianDual coarse, PrimalSearch search, double gapTarget,
               long deadline) {
        this(model, fine, coarse, search, gapTarget, deadline, true);
    }

    /** @param sweep whether a cold solve starts from the swap-first construction (off only to measure what it adds) */
    SearchLoop(StationModel model, LagrangianDual fine, LagrangianDual coarse, PrimalSearch search, double gapTarget,
               long deadline, boolean sweep) {
        this(model, fine, coarse, search, gapTarget, deadline, sweep, SolveClock.WALL);
    }

    /** @param clock the solve's clock; a virtual one makes the solve deterministic (see the class comment) */
    SearchLoop(StationModel model, LagrangianDual fine, LagrangianDual coarse, PrimalSearch search, double gapTarget,
               long deadline, boolean sweep, SolveClock clock) {
        this(model, fine, coarse, search, gapTarget, deadline, sweep, clock, false);
    }

    /**
     * @param dualThread with a virtual clock: whether the ascent runs on a thread of its own, in fixed batches between
     *                   fixed points of the plan search (see the class comment); ignored on the wall clock, where it
     *                   always has its own thread
     */
    SearchLoop(StationModel model, LagrangianDual fine, LagrangianDual coarse, PrimalSearch search, double gapTarget,
               long deadline, boolean sweep, SolveClock clock, boolean dualThread) {
        this.pipelined = clock.isVirtual() && dualThread;
        this.clock = clock;
        this.sweep = sweep;
        this.model = model;
        this.fine = fine;
        this.dual = coarse != null ? coarse : fine;
        this.search = search;
        this.gapTarget = gapTarget;
        this.deadline = deadline;
    }

    /**
     * Plan on {@code coarse}'s levels for the first {@code share} of the time, then move the best plan to this loop's
     * own search ({@link PrimalSearch#adopt}: the same plan where the fine levels contain the coarse ones) and go on
     * there. Call before {@link #run}, for a cold solve.
     */
    void coarseFirst(PrimalSearch coarse, double share) {
        fineSearch = search;
        search = coarse;
        primalShare = share;
    }

    /** The coarse-to-fine move of the plan search, at a round's start once its time has come. */
    private void switchPrimalIfDue() {
        if (fineSearch == null || clock.now() < primalSwitchAt) {
            return;
        }
        PrimalState moved = fineSearch.adopt(best);
        search = fineSearch;
        fineSearch = null;
        best = null;
        offer(moved);
    }

    PrimalState best() {
        return best;
    }

    /** The best proven bound of the solve: the fine dual's, or the coarse one's when that is higher. */
    double bound() {
        double live = Math.max(fine.bestValue, coarseBound);
        return !pipelined ? live : free ? Math.max(live, syncedBound) : syncedBound;
    }

    /** The dual that ended the solve (its multipliers are the ones to warm start from). */
    LagrangianDual finalDual() {
        LagrangianDual own = pipelined && !free ? synced : fine.iterations > 0 ? fine : dual;
        LagrangianDual g = guide;
        return g != null && g.bestValue > own.bestValue ? g : own;
    }

    /**
     * The prices the plan search reads: the live dual, or in a pipelined solve the one frozen at the last sync; while a
     * {@link #guide} is set and worth more, the guide's.
     */
    private LagrangianDual prices() {
        LagrangianDual p = pinned;
        if (p != null) {
            return p;
        }
        LagrangianDual own = pipelined && !free ? synced : dual;
        LagrangianDual g = guide;
        if (g == null) {
            return own;
        }
        if (own.bestValue >= g.bestValue) {
            guide = null;
            return own;
        }
        return g;
    }

    /** The prices the search reads for the rest of the solve once its bound phase has begun (see {@link #boundPhase}). */
    private volatile LagrangianDual pinned;
    /** When the bound phase begins (see {@link #boundPhase}). */
    private long boundPhaseAt = Long.MAX_VALUE;
    private double boundShare = 1.0;

    /**
     * From this share of the time on, the dual ascends by the {@link ProximalBundle} for the bound alone while the plan
     * search keeps the prices it read at that moment (see {@link #BOUND_PHASE_SHARE}).
     */
    void boundPhase(double share) {
        boundShare = share;
    }

    /** The prices the search kept through its bound phase, or null where it had none. */
    LagrangianDual pinnedPrices() {
        return pinned;
    }

    /**
     * The bound phase's start when due: on the search's thread at a sync point, or on the dual's own thread before a
     * step. {@code now} is a time the caller has read already: on a virtual clock every read advances the solve.
     */
    private void boundPhaseIfDue(LagrangianDual current, long now) {
        if (pinned == null && current == fine && now >= boundPhaseAt) {
            LagrangianDual seen = prices();
            pinned = seen == current ? current.frozen() : seen;
            current.bundleFromHere();
        }
    }

    /** A frozen dual whose prices the search reads until this solve's own dual is worth more (see {@link #prices}). */
    private LagrangianDual guide;

    /**
     * The plan search reads {@code frozen}'s prices until this solve's dual, ascending afresh, passes its value: a
     * staged solve's later stages keep the prices the first stage's plans were found with while their own ascent climbs
     * from the coarse network (see {@link FlowScheduler}).
     */
    void guide(LagrangianDual frozen) {
        guide = frozen;
    }

    /**
     * Every this many rounds a hole filling ({@link PrimalSearch#fillHoles}) takes the round, unless it was tried on
     * the same best plan before. Measured (2 s work budgets, ladder seeds 1–3, solver seeds 0–2): mean totals 12–50
     * bays 27,115 → 26,814 (50 bays of seed 2 6,749 → 6,470, 21 bays of seed 2 3,440 → 3,428; none worse by more than
     * 0.1 %), 100 and 400 bays (solver seeds 0–1) 307,648 → 307,570. Every third round lost the 12-bay station of
     * seed 3 its last swap on two solver seeds; every eighth gained less (50 bays of seed 2: 6,673).
     */
    static final int HOLE_ROUNDS = 5;
    /**
     * Slots a swap-transfer round covers ({@link PrimalSearch#transferSwaps}); the next one goes on where it stopped,
     * so two rounds cover the day. Measured with every fourth round a transfer round from 61 bays on (ladder stations
     * of 75–400 bays, seeds 1–3, work budgets, against the group moves those rounds made before): 24 slots summed the
     * 18 plans −0.01 % at 2 s and −0.36 % at 10 s, 48 slots −0.14 % (12 better, 6 worse) and −0.49 % (17 better, 1
     * worse by 0.07 %).
     */
    static final int TRANSFER_SLOTS = 48;
    /** Bays a swap is offered to in a transfer round (see {@link PrimalSearch#transferSwaps}). */
    static final int TRANSFER_CANDIDATES = 4;
    /** The first slot of the next swap-transfer round's window. */
    private int transferFrom;

    /**
     * Whether the fourth round also hands the swaps of the station's large packs (a van's or a truck's, {@link
     * PrimalSearch#WHOLE_POOL_MIN_KWH}) from bay to bay, over the whole day and besides the round's own move: single
     * best responses cannot choose which van serves which swap, and up to {@link #SOFT_REPAIR_MAX_BAYS} bays there are
     * no transfer rounds at all, above it they cover 48 slots at a time beside the small packs'. Measured (2026-12-08,
     * work budgets): up to 60 bays (the held-out 60-bay stations of seeds 1–3, 8 vans each, and the 12-bay van and
     * truck depot) all eight plans better, 2 s 6,792.3 / 5,298.4 / 7,480.0 / 17,875.9 → 6,790.8 / 5,214.6 / 7,404.7 /
     * 17,857.4 THB, 10 s gaps of the 60-bay stations 0.86 / 2.60 / 1.97 → 0.80 / 1.37 / 1.07 %; above it (15 stations
     * of 80–400 bays, seeds 1–3) 2 s plans summed −0.45 % (13 better; the 80-bay stations of seeds 1 and 3 +0.46 and
     * +0.37 %), 10 s −0.09 % (12 better, worst +0.52 %). Stations without large packs are not touched.
     */
    private boolean largeTransfersDue() {
        return search.hasLargePacks();
    }

    /**
     * Whether round {@code r} transfers swaps: the fourth round of stations above {@link #SOFT_REPAIR_MAX_BAYS} bays,
     * after the offers are flipped, in place of the group moves that round made before. At 12–50 bays a pass found
     * next to nothing (the 2 s plans' totals fell by 0–0.06 %): there the swaps served make the cost, and the swap
     * repairs already trade them.
     */
    private boolean transferDue(int r) {
        return model.bayCount() > SOFT_REPAIR_MAX_BAYS && r % 4 == 3;
    }

    /** The best plan's total when a hole filling was last tried (it is not tried on the same plan twice). */
    private double holesTriedAt = Double.NaN;

    /**
     * The warm start is this solve's own earlier stage, not a previous plan sent to chargers: any gain is taken, none
     * kept back for stability ({@link #keepAnchorUnlessBeaten}).
     */
    void takeAnyGain() {
        anyGain = true;
    }

    private boolean anyGain;

    void run(Plan warm) {
        long start = clock.now();
        boolean constructs = model.bayCount() <= CONSTRUCT_MAX_BAYS;
        boolean soft = model.bayCount() <= SOFT_REPAIR_MAX_BAYS;
        int roundSteps = pipelinedStepsPerRound(model.bayCount());
        switchAt = start + (long) ((deadline - start) * COARSE_SHARE);
        if (boundShare < 1.0) {
            boundPhaseAt = start + (long) ((deadline - start) * boundShare);
        }
        if (fineSearch != null) {
            primalSwitchAt = start + (long) ((deadline - start) * primalShare);
        }
        // a warm start's total is the dual's first target (see upper): known before any plan of this solve is
        warmTotal = warm == null || warm.objective() == null ? Double.NaN : warm.objective().total();
        Thread ascent = null;
        if (!clock.isVirtual()) {
            ascent = new Thread(this::ascend, "flow-dual");
            ascent.setDaemon(true);
            ascent.start();
        }
        if (pipelined) {
            worker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "flow-dual");
                thread.setDaemon(true);
                return thread;
            });
            synced = dual.frozen();
            sync(deadline - start < SHORT_SOLVE_NANOS ? SHORT_FIRST_DUAL_ITERATIONS : FIRST_DUAL_ITERATIONS);
            if (clock.chargesWork()) {
                // sync points at even intervals of the search's work instead of between its rounds: a batch sized by
                // an interval then meets an interval of about the same length (sized by the last round alone, a long
                // round's batch kept the next short round waiting: at 100 and 400 bays the search waited 1.1 s of a
                // 2 s budget, as long as the dual ran), and short rounds (a 12-bay station's, 1–3 ms) do not each pay
                // for a hand-over between the threads
                ticked = true;
                // (a batch's size then comes from the work alone, see batchSteps)
                clock.onTick(Math.max(MIN_TICK_NANOS, (deadline - start) / TICKS), () -> sync(0));
            }
        }
        try {
            // A first plan at once: it gives the dual's step a target near the optimum from the start (the idle
            // plan's total is far above it and wastes the first second). Warm, the previous plan projected; cold, a
            // construction by exact best responses without prices, then the swap-first construction polished by best
            // responses up to SWEEP_SHARE of the time.
            PrimalState cand;
            boolean shortSolve = deadline - start < SHORT_SOLVE_NANOS;
            if (warm != null) {
                // sweep by sweep, so that the solve stops as soon as the gap target is met
                cand = search.project(warm, acceptedOf(warm));
                anchor = cand.copy();
                double before;
                do {
                    before = cand.objective();
                    search.descend(cand, deadline, 1);
                    offer(cand);
                } while (cand.objective() < before - 1e-9 * Math.max(1, Math.abs(before)) && !done()
                        && clock.now() < deadline);
            } else if (sweep && shortSolve) {
                // a short solve (a fleet's station, a first look): the swap-first plan is the one worth the time
                PrimalState swept = sweepWhole();
                offer(swept);
                search.descend(swept, deadline, 1);
                offer(swept);
                // then a pass of swap repairs guided by the dual's first prices: group re-plans around each slot that
                // leaves swaps unserved. One thread: the caller takes the first steps itself; the wall clock: its
                // thread has been ascending; pipelined: the search waits for a short first batch (the dual's step costs
                // the same at 12 and 400 bays, 0.1–0.2 ms, so 50 steps are about 10 ms). Deterministic one-thread
                // 100 ms budgets on the ladder (12–50 bays, seeds 1–3): totals summed 29,380 against 30,116 without
                // (unpriced repairs: 29,966); pipelined, first batch of 50: 27,989 against 28,504 without repairs
                // (a first batch of 300: 28,130; of 100: 28,391), the 12-bay station of seed 1 1,157 against 1,295.
                // (on the wall clock the dual's thread may not have had a core yet on a busy machine: its first prices,
                // and a bound)
                pricesFirst(PIPELINED_STEPS_PER_ROUND, FIRST_DUAL_ITERATIONS, deadline, ascent,
                        SHORT_FIRST_DUAL_ITERATIONS, start + (deadline - start) / 8);
                PrimalState work = best.copy();
                search.repairSwaps(work, prices(), REPAIR_GROUPS[0], LNS_GUIDE, false, deadline);
                offer(work);
                cand = best;
            } else {
                if (sweep) {
                    // the swap-first plan first, whole: a construction the deadline cut short would leave the packs it
                    // did not reach idle, and on a cold JVM the price-blind construction before it took the sweep's
                    // time (a 44-bay fleet station, 2 s: 13 swaps unserved against 6 in a 100 ms solve)
                    PrimalState swept = sweepWhole();
                    offer(swept);
                    search.descend(swept, start + (long) ((deadline - start) * SWEEP_SHARE), 1);
                    offer(swept);
                }
                // then the construction by exact best responses without prices; where it leads after a first sweep of
                // best responses (small stations) the time goes to it, otherwise the swap-first plan is polished on
                if (constructs || !sweep) {
                    cand = search.construct(prices(), new boolean[model.offers.size()], 0.0, deadline);
                    search.descend(cand, deadline, 1);
                    offer(cand);
                } else {
                    cand = best;
                }
                if (sweep && best != cand) {
                    search.descend(best, start + (long) ((deadline - start) * SWEEP_SHARE));
                    offer(best);
                }
            }
            if (warm == null && !(sweep && shortSolve)) {
                long firstSlice = start + (deadline - start) / 8;
                pricesFirst(roundSteps, FIRST_DUAL_ITERATIONS, firstSlice, ascent, FIRST_DUAL_ITERATIONS, firstSlice);
                if (constructs) {
                    cand = search.constructContinued(prices(), prices().bestAccepted, GUIDE, deadline);
                    offer(cand);
                }
            }
            int round = 0;
            boolean repairPaid = true;
            while (clock.now() < deadline && !done()) {
                pricesFirst(roundSteps, DUAL_STEPS_PER_ROUND, deadline, ascent, 0, deadline);
                switchPrimalIfDue();
                int r = round++;
                // the fourth round: a fresh construction where the station is small enough for one to pay, else the
                // offers flipped and group moves (above 60 bays swap transfers); from 31 to 60 bays, where swaps are
                // most of the cost, swap repairs as long as they pay, group moves after one that found nothing (the
                // offers flipped every fourth)
                boolean fourth = r % 4 == 3;
                if (fourth && !model.offers.isEmpty() && !(sweep && shortSolve && warm == null)) {
                    flipOffers();
                }
                // the vans' and trucks' swaps are handed on besides, over the whole day (see largeTransfersDue)
                if (fourth && largeTransfersDue() && !(sweep && shortSolve && warm == null)) {
                    PrimalState work = best.copy();
                    search.transferSwaps(work, 0, model.slots, TRANSFER_CANDIDATES, true, deadline);
                    offer(work);
                }
                if (sweep && shortSolve && warm == null) {
                    shortRound(r);
                } else if (holesDue(r)) {
                    PrimalState work = best.copy();
                    fillHoles(work);
                    offer(work);
                } else if (transferDue(r)) {
                    PrimalState work = best.copy();
                    int to = Math.min(model.slots, transferFrom + TRANSFER_SLOTS);
                    search.transferSwaps(work, transferFrom, to, TRANSFER_CANDIDATES, deadline);
                    transferFrom = to % model.slots;
                    offer(work);
                } else if (r % 4 == 0 || r % 4 == 2 || !constructs && soft && repairPaid) {
                    PrimalState work = best.copy();
                    repairPaid = search.repairSwaps(work, prices(), REPAIR_GROUPS[(r / 4) % REPAIR_GROUPS.length],
                            LNS_GUIDE, soft, deadline) > 0;
                    offer(work);
                } else if (r % 4 == 1 || !constructs) {
                    repairPaid = true;
                    PrimalState work = best.copy();
                    int size = LNS_GROUPS[(r / 3 + r % 3) % LNS_GROUPS.length];
                    search.lns(work, prices(), Math.max(4, 2 * model.bayCount() / 5), LNS_GUIDE, size, deadline);
                    offer(work);
                } else {
                    cand = search.construct(prices(), prices().bestAccepted, GUIDES[(r / 3) % GUIDES.length], deadline);
                    search.descend(cand, deadline);
                    offer(cand);
                }
                rounds++;
            }
            keepAnchorUnlessBeaten();
        } finally {
            stop = true;
            if (pipelined) {
                // the batch in flight is dropped: the bound and multipliers are those of the last sync
                cancel = true;
                worker.shutdownNow();
            }
            try {
                if (ascent != null) {
                    ascent.join();
                    if (fine.bestValue == Double.NEGATIVE_INFINITY && coarseBound == Double.NEGATIVE_INFINITY) {
                        // the dual's thread never had a core (an overloaded machine): one step here, so that the plan
                        // still carries a proven bound
                        fine.step(upper(), planned());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A round of a short cold solve: priced swap repairs and large-neighbourhood moves in turn, no constructions. A
     * construction and its descent take a short budget's best part (50 bays, 100 ms: 58 of the 92 ms) and rarely gain
     * there; the group moves serve swaps. Every fourth round flips the offers, which the swap-first plan leaves declined. Measured on the ladder (12–400 bays, seeds 1–3, work budgets, issue 15): at
     * 100 ms 10 of the 15 plans better and none worse by more than 0.1 %, the 50-bay station of seed 1 3,309 against
     * 3,589 (best known 3,308); at 250 ms 12 of 15 better, at 40 ms 7.
     */
    private void shortRound(int r) {
        if (r % 4 == 3 && !model.offers.isEmpty()) {
            flipOffers(); // the sweep accepts none: each offer is tried once a cycle
            return;
        }
        PrimalState work = best.copy();
        if (holesDue(r)) {
            // measured at 100 ms (work budgets, ladder seeds 1-3, solver seeds 0-3): 50 bays of seed 1 3,515 / 3,445
            // -> 3,105 / 3,107 (mean over two solver seeds each), of seed 2 7,031 / 7,182 -> 6,910 / 7,021; 12-400
            // bays within 0.1 % (one more in three rounds lost the 12-bay station of seed 1 a swap on a solver seed)
            fillHoles(work);
        } else if (r % 2 == 0) {
            search.repairSwaps(work, prices(), REPAIR_GROUPS[(r / 2) % REPAIR_GROUPS.length], LNS_GUIDE, false,
                    deadline);
        } else {
            search.lns(work, prices(), Math.max(4, 2 * model.bayCount() / 5), LNS_GUIDE,
                    LNS_GROUPS[(r / 2) % LNS_GROUPS.length], deadline);
        }
        offer(work);
    }

    /**
     * The swap-first construction, never cut short: it takes a few milliseconds (400 bays: 12–17 ms on a warm JVM), and
     * one stopped at the deadline leaves every pack it did not reach idle for the rest of the day (measured on fleet
     * stations with 40 ms each: 66 and 72 swaps unserved where the whole sweep leaves 0 and 11).
     */
    private PrimalState sweepWhole() {
        return search.sweep(new boolean[model.offers.size()], Long.MAX_VALUE);
    }

    /**
     * A re-plan returns the previous plan (as projected) unless the search found a better one: without news (the
     * previous plan still costs what it said) better by more than the gap target, otherwise by more than a relative
     * 1e-9. Chargers are not sent new profiles for nothing, nor, without news, for a gain smaller than the one the
     * caller said it does not care about; a fleet's price rounds still follow every price change. A better plan is first put back to the previous schedule bay by
     * bay wherever that costs nothing ({@link #revertWhereFree}). Best responses already break ties towards the
     * previous plan ({@link BayDp#KEEP_BONUS}). Measured (issue 15, 2 s re-plans of ladder stations without news, a
     * busy machine): without these, 0.03–0.06 % better plans changed 25–35 % of the bay-slot actions.
     */
    private void keepAnchorUnlessBeaten() {
        if (anchor == null || best == null || anyGain) {
            return;
        }
        if (best != anchor) {
            best = revertWhereFree(best);
        }
        if (!anchor.feasible() && best.feasible()) {
            return;
        }
        double kept = anchor.objective();
        // no news: the previous plan costs what it said (same prices, SOC, requests); then only a gain beyond the gap
        // target is worth new profiles. With news (a fleet's price round, a battery event) any gain is taken.
        boolean noNews = anchor.feasible() && Math.abs(kept - warmTotal) <= 1e-7 * Math.max(1, Math.abs(kept));
        double threshold = noNews ? Math.max(1e-9, gapTarget) : 1e-9;
        if (best.objective() >= kept - threshold * Math.max(1, Math.abs(kept))) {
            best = anchor;
            bestTotal = anchor.feasible() ? kept : Double.POSITIVE_INFINITY;
        }
    }

    /**
     * The plan with each bay whose schedule differs from the previous plan's put back to that schedule, one bay at a
     * time, wherever that costs nothing (J no higher): a re-plan that gains in a few bays does not move the others.
     */
    private PrimalState revertWhereFree(PrimalState plan) {
        PrimalState work = plan.copy();
        double j = work.objective();
        boolean wasFeasible = work.feasible();
        for (int b = 0; b < model.bayCount(); b++) {
            if (java.util.Arrays.equals(work.node[b], anchor.node[b])
                    && java.util.Arrays.equals(work.swap[b], anchor.swap[b])
                    && java.util.Arrays.equals(work.power[b], anchor.power[b])) {
                continue;
            }
            int[] node = work.node[b].clone();
            double[] power = work.power[b].clone();
            boolean[] swap = work.swap[b].clone();
            set(work, b, anchor.node[b], anchor.power[b], anchor.swap[b]);
            double after = work.objective();
            if (after <= j + 1e-12 * Math.max(1, Math.abs(j)) && (work.feasible() || !wasFeasible)) {
                j = after;
            } else {
                set(work, b, node, power, swap);
            }
        }
        return work.objective() <= plan.objective() ? work : plan;
    }

    private static void set(PrimalState state, int b, int[] node, double[] power, boolean[] swap) {
        state.remove(b);
        System.arraycopy(node, 0, state.node[b], 0, node.length);
        System.arraycopy(power, 0, state.power[b], 0, power.length);
        System.arraycopy(swap, 0, state.swap[b], 0, swap.length);
        state.add(b);
    }

    /**
     * Coarse to fine: the multipliers are prices per slot, the same for any SOC grid, so the first {@value
     * #COARSE_SHARE} of the time ascends on a relaxed network with {@value FlowScheduler#COARSE_BOUND_STEPS} levels per
     * full-power slot (about 16 times cheaper per step) and the rest continues from its best multipliers on the fine
     * one. Measured: 400 bays, 4 s: 25 288 fine only, 25 710 coarse then fine; 21 bays, 0.8 s: 1 929 and 2 124.
     * Both duals' values are proven bounds.
     */
    private void ascend() {
        long now;
        while (!stop && (now = clock.now()) < deadline && !done()) {
            ascendStep(now);
        }
    }

    /**
     * The dual's prices before a priced part of the search, by the solve's mode: a pipelined solve syncs with a batch
     * of {@code syncSteps} (unless its clock's ticks do the syncing), a one-thread solve takes {@code inlineSteps}
     * itself until {@code inlineUntil}, and a wall-clock solve waits until its dual's thread has taken {@code
     * wallSteps} or {@code wallUntil} has passed.
     */
    private void pricesFirst(int syncSteps, int inlineSteps, long inlineUntil, Thread ascent, int wallSteps,
                             long wallUntil) {
        if (pipelined) {
            if (!ticked) {
                sync(syncSteps);
            }
        } else if (ascent == null) {
            ascendInline(inlineSteps, inlineUntil);
        } else {
            while (dual.iterations < wallSteps && clock.now() < wallUntil) {
                Thread.onSpinWait();
            }
        }
    }

    /** At most {@code steps} dual steps on the caller's thread (a deterministic solve), until {@code until}. */
    private void ascendInline(int steps, long until) {
        long now;
        for (int i = 0; i < steps && (now = clock.now()) < until && !done(); i++) {
            ascendStep(now);
            clock.charge(dual.stepCpuNanos());
        }
    }

    /**
     * A sync point of a pipelined solve: waits for the batch in flight, freezes the dual for the search (prices,
     * bound), moves from the coarse network to the fine one when the virtual clock says so, and sets the next batch of
     * {@code steps} going with the best plan total known now. Everything the two threads exchange is fixed here, on
     * the search's thread at a point of its virtual time, so the solve is deterministic.
     */
    private void sync(int steps) {
        if (free) {
            switchIfDue(dual);
            return;
        }
        if (batch != null) {
            try {
                long left = clock.wallNanosLeft();
                if (left == Long.MAX_VALUE) {
                    batch.get();
                } else {
                    // a capped solve waits for its dual no longer than its wall limit: on a machine too busy to run
                    // the batch in time the plan is the wall clock's anyway, and the search stops with what it has
                    batch.get(Math.max(0, left), java.util.concurrent.TimeUnit.NANOSECONDS);
                }
            } catch (java.util.concurrent.TimeoutException e) {
                clock.expire();
                free = true; // no more batches: the one running goes on freely until the solve's end cancels it
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        LagrangianDual current = dual;
        if (current != fine) {
            coarseBound = current.bestValue;
        }
        synced = current.frozen();
        syncedBound = Math.max(Math.max(fine.bestValue, coarseBound), syncedBound);
        switchIfDue(current);
        if (boundPhaseAt != Long.MAX_VALUE && pinned == null && current == fine) {
            boundPhaseIfDue(current, clock.now());
        }
        if (clock.wallAhead()) {
            // the wall clock paces the search now: the plan depends on the machine anyway, so the dual runs free (as
            // in a wall-clock solve) instead of the search waiting for its batches
            free = true;
            batch = worker.submit(() -> {
                while (!cancel) {
                    LagrangianDual live = dual;
                    live.step(upper(), planned());
                    if (live != fine) {
                        coarseBound = Math.max(coarseBound, live.bestValue);
                    }
                }
            });
            return;
        }
        LagrangianDual next = dual;
        double up = upper();
        boolean planned = planned();
        int size = batchSteps(steps, next);
        if (size == 0) {
            batch = null;
            return;
        }
        batch = worker.submit(() -> {
            for (int i = 0; i < size && !cancel; i++) {
                next.step(up, planned);
            }
        });
    }

    /**
     * The steps of the batch a sync point sets going. On a clock that counts reads only, {@code fixed}. On a
     * work-charged clock ({@link SolveClock#chargesWork}) as many steps as the search's work since the last sync point
     * would take the dual's thread ({@link LagrangianDual#stepCpuNanos}; a fraction of a step carried over): the next interval
     * is expected to be like the last, so the two threads keep pace and neither waits for the other long. (With a fixed
     * batch the dual's steps, 0.15–0.37 ms each, made a search of cheap rounds wait: a 12-bay station's 100 ms budget
     * took 1.2 s of wall time, most of it waiting.) The first batch, before any interval, is {@code fixed} but at most a
     * quarter of what the budget's work would take the dual, and at least {@value #MIN_BATCH}.
     */
    private int batchSteps(int fixed, LagrangianDual next) {
        if (!clock.chargesWork()) {
            return fixed;
        }
        long now = clock.now();
        long stepVirtual = Math.max(1, clock.virtualOf(next.stepCpuNanos()));
        if (lastSync < 0) {
            lastSync = now;
            return (int) Math.max(MIN_BATCH, Math.min(fixed, (deadline - now) / (4 * stepVirtual)));
        }
        // the steps owed for the work since the last sync point, fractions carried to the next batch
        owedSteps += (double) (now - lastSync) / stepVirtual;
        lastSync = now;
        int steps = (int) Math.min(Integer.MAX_VALUE, Math.floor(owedSteps));
        owedSteps -= steps;
        return steps;
    }

    /** Pipelined on a work-charged clock: the sync points are the clock's ticks, not the rounds' starts. */
    private boolean ticked;

    /** Dual steps owed to the work done but not yet given a batch (a fraction of one, at most). */
    private double owedSteps;

    /** The fewest steps the first batch of a work-charged pipelined solve takes (see {@link #batchSteps}). */
    private static final int MIN_BATCH = 5;
    /** Sync points of a work-charged pipelined solve per budget, besides those between rounds (see {@link #run}). */
    private static final int TICKS = 50;
    private static final long MIN_TICK_NANOS = 2_000_000L;

    /**
     * Dual steps beside each search round of a pipelined solve: {@value #PIPELINED_STEPS_PER_ROUND} up to 100 bays, in
     * proportion to the bays beyond (a round's search work grows with the bays, a dual step's does not). Measured
     * (400 bays, seed 1, 2 s work budget): with 150 the bound stayed at 30,393 of a 92,524 plan (gap 67 %; the
     * wall-clock mode's free ascent reached about 27 %); with 600, 55,057 (gap 41 %, the wall time unchanged); with
     * 1,200, 58,935 but the search waited for the dual (15.7 s of wall time against 6.7 s on the busy machine).
     */
    static int pipelinedStepsPerRound(int bays) {
        return PIPELINED_STEPS_PER_ROUND * Math.max(1, bays / 100);
    }

    /** The coarse-to-fine move of a pipelined solve, on the search's thread when its virtual clock says so. */
    private void switchIfDue(LagrangianDual current) {
        if (current != fine && clock.now() >= switchAt) {
            coarseBound = Math.max(coarseBound, current.bestValue);
            moveToFine(current);
        }
    }

    /**
     * The fine dual starts from the coarse one's best prices, λ, μ and ν. The swap-ready rows' ρ start again at 0: the
     * coarse network's levels put swap-ready packs elsewhere, so its ρ prices another row. Carried over, measured
     * (ladder seeds 1–3, solver seeds default / 1 / 2, work budgets): the 2 s bounds at 400 bays rose by 0.5–1.1 points,
     * plans within the search's noise (the 15 stations summed +0.05 %), but the 10 s plan of the 50-bay station of seed
     * 2 lost what its relaxation's row gains (6,115 → 6,388 THB on two solver seeds of three).
     */
    private void moveToFine(LagrangianDual current) {
        fine.warmStart(current.bestLambda, current.bestMu, current.bestNu, null);
        dual = fine;
    }

    /** One step of the ascent, or the move from the coarse network to the fine one. */
    private void ascendStep(long now) {
        LagrangianDual current = dual;
        if (current != fine && clock.now() >= switchAt) {
            coarseBound = current.bestValue;
            moveToFine(current);
            return;
        }
        if (!pipelined) {
            boundPhaseIfDue(current, now);
        }
        current.step(upper(), planned());
        if (current != fine) {
            coarseBound = current.bestValue;
        }
    }

    private boolean[] acceptedOf(Plan warm) {
        boolean[] accepted = new boolean[model.offers.size()];
        for (StationModel.Offer o : model.offers) {
            accepted[o.index()] = warm.acceptedDispatchRequests().contains(o.id());
        }
        return accepted;
    }

    /** Whether round {@code r} is a hole filling's: every {@value #HOLE_ROUNDS}th, not twice on the same best plan. */
    private boolean holesDue(int r) {
        return r % HOLE_ROUNDS == HOLE_ROUNDS - 1 && best.objective() != holesTriedAt;
    }

    private void fillHoles(PrimalState work) {
        holesTriedAt = best.objective();
        search.fillHoles(work, prices(), LNS_GUIDE, REPAIR_GROUPS[0], deadline);
    }

    private void flipOffers() {
        for (StationModel.Offer o : model.offers) {
            if (clock.now() >= deadline) {
                return;
            }
            PrimalState cand = best.copy();
            boolean[] accepted = cand.accepted.clone();
            accepted[o.index()] = !accepted[o.index()];
            cand.setAccepted(accepted);
            search.descend(cand, deadline);
            offer(cand);
        }
    }

    /**
     * A candidate becomes the best when it is the best itself (polished in place), or better in J without breaking a
     * rule the best meets: J prices a rule's breach high, but a sliver of a firm request (a few watts) can still cost
     * less than a swap, and a plan that breaks a rule is never returned while one that does not is known.
     */
    private void offer(PrimalState cand) {
        double total = cand.objective();
        boolean feasible = cand.feasible();
        if (best == null || cand == best
                || total < best.objective() && (feasible || bestTotal == Double.POSITIVE_INFINITY)) {
            best = cand;
            bestTotal = feasible ? total : Double.POSITIVE_INFINITY;
        }
    }

    private boolean done() {
        double total = bestTotal;
        return total < Double.POSITIVE_INFINITY && (total - bound()) / Math.max(1, Math.abs(total)) <= gapTarget;
    }

    /**
     * The target of the dual's step (Polyak's: the best plan's total, the dual's value to be). Before this solve has a
     * plan: the warm start's total where there is one, else an estimate above the bound (or the idle plan's total).
     * A warm solve's first batch of steps once had only the idle plan's total (16,012 THB on the 21-bay example, whose
     * plans cost 1,154): its steps, 14 times too long, threw the warm multipliers away and shrank the step factor to
     * nothing, and the 10 s solve's second stage ended about where its first had left the bound (1,134.8 → 1,136.8 in
     * 12,000 steps). With the warm total (and the warm start's ρ, {@link LagrangianDual#warmStart}) it climbs to
     * 1,142.6: the 10 s gap 1.42 → 0.92 % on the work budget.
     */
    private double upper() {
        double total = bestTotal;
        if (total < Double.POSITIVE_INFINITY) {
            return total;
        }
        if (Double.isFinite(warmTotal)) {
            return warmTotal;
        }
        double v = bound();
        double idle = model.idleTotal();
        return Double.isFinite(v) && v >= idle ? v + 0.05 * Math.max(1, Math.abs(v)) : idle;
    }

    /** Whether {@link #upper} is a plan's total (this solve's best or the warm start's), not an estimate. */
    private boolean planned() {
        return bestTotal < Double.POSITIVE_INFINITY || Double.isFinite(warmTotal);
    }
}
