package io.swapflex.studies.report;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvTableTest {

    @Test
    void quotesOnlyCellsWithACommaAQuoteOrALineBreakAndWritesNullsEmpty() {
        String csv = new CsvTable(List.of("index", "scenario", "note"))
                .row(List.of("0", "example thai-2w-12 (bkk-ladprao-2w-12)", ""))
                .row(List.of("1", "demand x1.25, 4 more bays", "{\"name\":\"x\"}"))
                .row(Arrays.asList("2", "two\nlines", null))
                .write();
        assertEquals("""
                index,scenario,note
                0,example thai-2w-12 (bkk-ladprao-2w-12),
                1,"demand x1.25, 4 more bays","{""name"":""x""}"
                2,"two
                lines",
                """, csv);
    }
}
