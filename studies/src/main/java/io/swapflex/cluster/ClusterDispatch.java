package io.swapflex.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands a list of tasks to the members of a cluster through {@link ClusterMembers#EXECUTOR}, as members free up: at
 * most {@code slotsPerMember} at a time on each (the member's executor should have as many threads), the least busy
 * member first, so a slow task does not hold the others back. A task whose member failed or left is sent again, to
 * the least busy member then (up to {@value #ATTEMPTS} times in all). Used for a study's scenarios
 * ({@link ClusterStudyRunner}) and a fleet's station solves ({@link ClusterStationSolver}).
 */
final class ClusterDispatch {

    static final int ATTEMPTS = 3;

    /**
     * Told of each result as it arrives (on the caller's thread), with the task's position in the list and its round
     * trip: from handing the task to Hazelcast to its result's arrival (serialization, network, the member's work).
     */
    interface Listener<R> {
        void finished(int index, Member member, R result, long roundTripNanos);
    }

    private record Event<R>(int index, Member member, R result, Throwable failure, long roundTripNanos) {
    }

    private ClusterDispatch() {
    }

    /**
     * Runs every task on the cluster and returns the results in the tasks' order.
     *
     * @param stall give up when no member has answered for this long (a task's own time is far below it)
     * @throws IllegalStateException when a task failed {@value #ATTEMPTS} times, no member can take a task, or the
     *                               cluster stalled
     */
    static <T extends Callable<R> & Serializable, R> List<R> run(HazelcastInstance hazelcast, List<T> tasks,
                                                                 int slotsPerMember, Duration stall,
                                                                 Listener<R> listener) {
        if (slotsPerMember < 1) {
            throw new IllegalArgumentException("slotsPerMember must be ≥ 1, is " + slotsPerMember);
        }
        IExecutorService executor = hazelcast.getExecutorService(ClusterMembers.EXECUTOR);
        Deque<Integer> pending = new ArrayDeque<>();
        for (int i = 0; i < tasks.size(); i++) {
            pending.add(i);
        }
        BlockingQueue<Event<R>> events = new LinkedBlockingQueue<>();
        Map<UUID, Integer> inFlight = new HashMap<>();
        int[] attempts = new int[tasks.size()];
        List<R> results = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            results.add(null);
        }
        int done = 0;
        int running = 0;
        while (done < tasks.size()) {
            running += dispatch(hazelcast, executor, tasks, pending, inFlight, slotsPerMember, attempts, events);
            if (running == 0) {
                throw new IllegalStateException("no member of the cluster can take the tasks");
            }
            Event<R> e;
            try {
                e = events.poll(stall.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the cluster worked", ex);
            }
            if (e == null) {
                throw new IllegalStateException("no result from the cluster for " + stall.toSeconds() + " s ("
                        + (tasks.size() - done) + " of " + tasks.size() + " tasks not done)");
            }
            running--;
            inFlight.merge(e.member().getUuid(), -1, Integer::sum);
            if (e.failure() != null) {
                if (attempts[e.index()] >= ATTEMPTS) {
                    throw new IllegalStateException("task " + e.index() + " failed on " + attempts[e.index()]
                            + " members, last on " + e.member().getAddress() + ": " + e.failure(), e.failure());
                }
                pending.addFirst(e.index());
                continue;
            }
            results.set(e.index(), e.result());
            done++;
            listener.finished(e.index(), e.member(), e.result(), e.roundTripNanos());
        }
        return results;
    }

    /** Sends pending tasks to the members with free slots, the least busy first; returns how many were sent. */
    private static <T extends Callable<R> & Serializable, R> int dispatch(
            HazelcastInstance hazelcast, IExecutorService executor, List<T> tasks, Deque<Integer> pending,
            Map<UUID, Integer> inFlight, int slots, int[] attempts, BlockingQueue<Event<R>> events) {
        int sent = 0;
        Set<Member> members = hazelcast.getCluster().getMembers();
        while (!pending.isEmpty()) {
            Member least = null;
            for (Member m : members) {
                int busy = inFlight.getOrDefault(m.getUuid(), 0);
                if (busy < slots && (least == null || busy < inFlight.getOrDefault(least.getUuid(), 0))) {
                    least = m;
                }
            }
            if (least == null) {
                break;
            }
            Member member = least;
            int index = pending.poll();
            attempts[index]++;
            inFlight.merge(member.getUuid(), 1, Integer::sum);
            long handed = System.nanoTime();
            executor.submitToMember(tasks.get(index), member, new ExecutionCallback<R>() {
                @Override
                public void onResponse(R response) {
                    events.add(new Event<>(index, member, response, null, System.nanoTime() - handed));
                }

                @Override
                public void onFailure(Throwable t) {
                    events.add(new Event<>(index, member, null, t, System.nanoTime() - handed));
                }
            });
            sent++;
        }
        return sent;
    }
}
