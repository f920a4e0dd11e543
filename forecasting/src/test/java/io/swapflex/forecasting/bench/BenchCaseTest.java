package io.swapflex.forecasting.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's validation period is cut into calendar months, the folds auto chooses on. */
class BenchCaseTest {

    @Test
    void theLoadValidationQuarterGivesThreeMonthlyFoldsBeforeTheTest() {
        BenchCase load = ForecastBenchmark.cases(List.of("load"), ForecastBenchmark.DEFAULT_FOLDS).get(0);
        List<LocalDate[]> folds = load.folds();
        assertEquals(3, folds.size());
        assertEquals(LocalDate.of(2019, 7, 1), folds.get(0)[0]);
        assertEquals(LocalDate.of(2019, 7, 31), folds.get(0)[1]);
        assertEquals(LocalDate.of(2019, 9, 30), folds.get(2)[1]);
        assertEquals(load.testFrom(), folds.get(2)[1].plusDays(1), "the last fold ends the day before the test starts");
    }

    @Test
    void aPeriodNotOnMonthBoundariesIsClipped() {
        BenchCase c = new BenchCase("t", null, LocalDate.of(2019, 1, 15), LocalDate.of(2019, 3, 10),
                LocalDate.of(2019, 3, 11), LocalDate.of(2019, 4, 30));
        List<LocalDate[]> folds = c.folds();
        assertEquals(3, folds.size());
        assertEquals(LocalDate.of(2019, 1, 15), folds.get(0)[0]);
        assertEquals(LocalDate.of(2019, 2, 1), folds.get(1)[0]);
        assertEquals(LocalDate.of(2019, 3, 10), folds.get(2)[1]);
    }
}
