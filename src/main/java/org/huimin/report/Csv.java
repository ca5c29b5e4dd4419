package org.huimin.report;

/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark (so that Excel opens Chinese names correctly), CRLF line ends,
 * one block per section separated by an empty line, each with its header row.
 */
@org.huimin.common.Pure
final class Csv {

    private static final String BOM = "\uFEFF";

    private Csv() {
    }

    static String enrolment(Reports.Enrolment report) {
        StringBuilder csv = new StringBuilder(BOM);
        row(csv, "plan", report.plan());
        csv.append("\r\n");
        row(csv, "county", "members", "enrolled", "rate");
        report.counties().forEach(c -> row(csv, c.county(), c.members(), c.enrolled(), c.rate()));
        csv.append("\r\n");
        row(csv, "payer", "orgType", "policies", "premium");
        report.channels().forEach(c -> row(csv, c.payer(), c.orgType(), c.policies(), c.premium()));
        csv.append("\r\n");
        var t = report.totals();
        row(csv, "members", "enrolled", "rate", "premiumCollected", "premiumRefunded", "netPremium");
        row(csv, t.members(), t.enrolled(), t.rate(), t.premiumCollected(), t.premiumRefunded(), t.netPremium());
        return csv.toString();
    }

    static String claims(Reports.Claims report) {
        StringBuilder csv = new StringBuilder(BOM);
        row(csv, "plan", "settlements", "eligible", "reversals", "payout", "averagePayout", "netPremium", "lossRatio");
        row(csv, report.plan(), report.settlements(), report.eligible(), report.reversals(), report.payout(),
                report.averagePayout(), report.netPremium(), report.lossRatio());
        csv.append("\r\n");
        row(csv, "liability", "settlements", "payout");
        report.byLiability().forEach(a -> row(csv, a.key(), a.settlements(), a.payout()));
        csv.append("\r\n");
        row(csv, "careType", "settlements", "payout");
        report.byCareType().forEach(a -> row(csv, a.key(), a.settlements(), a.payout()));
        csv.append("\r\n");
        row(csv, "insurer", "share", "premium", "payouts");
        report.insurers().forEach(s -> row(csv, s.insurer(), s.share(), s.premium(), s.payouts()));
        return csv.toString();
    }

    private static void row(StringBuilder csv, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells[i]));
        }
        csv.append("\r\n");
    }

    /** RFC 4180 quoting; a leading =, +, -, @, tab or carriage return (OWASP CSV injection) is prefixed with ' so a spreadsheet never runs it as a formula. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof java.math.BigDecimal number ? number.toPlainString() : value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
