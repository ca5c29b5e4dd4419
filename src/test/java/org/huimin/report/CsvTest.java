package org.huimin.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** CSV cells: RFC 4180 quoting and no formula a spreadsheet would run (OWASP CSV injection). */
class CsvTest {

    @Test
    void quotesWhatWouldBreakTheRow() {
        assertThat(Csv.cell("210102")).isEqualTo("210102");
        assertThat(Csv.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.cell(null)).isEmpty();
    }

    @Test
    void neverStartsACellWithAFormula() {
        for (String formula : new String[] {"=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"}) {
            // Inside the cell (after the quote RFC 4180 adds around a carriage return) the first character is ' .
            assertThat(Csv.cell(formula).replaceFirst("^\"", "")).as(formula.replace("\t", "\\t").replace("\r", "\\r"))
                    .startsWith("'");
        }
        // Numbers are numbers: a negative amount stays a number.
        assertThat(Csv.cell(new BigDecimal("-12.50"))).isEqualTo("-12.50");
        assertThat(Csv.cell(new BigDecimal("1E+3"))).isEqualTo("1000");
    }
}
