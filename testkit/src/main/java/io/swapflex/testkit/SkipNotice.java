package io.swapflex.testkit;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Says at the end of a test run, on standard error where the build log shows it, which tests were skipped and why:
 * the browser tests without Chromium, the PostgreSQL ones without a database. A skip is never silent; .ci/run, which
 * installs both, refuses those skips.
 */
public final class SkipNotice implements TestExecutionListener {

    private final List<String> skipped = new ArrayList<>();

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        skipped.add(test.getDisplayName() + ": " + reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            skipped.add(test.getDisplayName() + ": " + result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (skipped.isEmpty()) {
            return;
        }
        Map<String, Integer> byReason = new TreeMap<>();
        for (String s : skipped) {
            byReason.merge(s.substring(s.indexOf(": ") + 2), 1, Integer::sum);
        }
        StringBuilder notice = new StringBuilder("\nNOTICE: " + skipped.size() + " tests skipped:\n");
        byReason.forEach((reason, count) -> notice.append("  ").append(count).append(" × ").append(reason).append('\n'));
        System.err.print(notice);
        System.err.flush();
    }
}
