package org.huimin.common.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The service's route templates (every path of the published contract; {@code OpenApiTest} checks that the two agree).
 * Request metrics are labelled by these only: a path a client made up — an unknown plan code, a random settlement ID,
 * a probe of paths that do not exist — becomes {@code UNMATCHED}, so no client can write label values into
 * {@code /q/metrics} nor blind it by exhausting the label budget.
 */
public final class Routes {

    public static final String UNMATCHED = "UNMATCHED";

    public static final List<String> TEMPLATES = List.of(
            "/api/v1/plans", "/api/v1/plans/{code}", "/api/v1/plans/{code}/enrolment-window",
            "/api/v1/bureau/participants", "/api/v1/bureau/personal-account-deductions",
            "/api/v1/bureau/personal-account-deductions/{orderId}/result", "/api/v1/bureau/personal-account-refunds",
            "/api/v1/bureau/personal-account-refunds/{refundId}/result", "/api/v1/bureau/reports/enrolment",
            "/api/v1/bureau/reports/claims", "/api/v1/bureau/rules/basic-benefits",
            "/api/v1/enrolments", "/api/v1/enrolments/{orderId}", "/api/v1/enrolments/{orderId}/cancellation",
            "/api/v1/me/policies", "/api/v1/me/claims", "/api/v1/me/refunds", "/api/v1/me/documents",
            "/api/v1/me/reimbursements", "/api/v1/me/reimbursements/{reimbursementId}",
            "/api/v1/me/reimbursements/{reimbursementId}/documents",
            "/api/v1/policies/{policyNumber}/cancellation", "/api/v1/org/enrolments", "/api/v1/org/refunds",
            "/api/v1/payments/notifications", "/api/v1/payments/refund-notifications",
            "/api/v1/refunds", "/api/v1/refunds/{refundId}/result", "/api/v1/refunds/{refundId}/retry",
            "/api/v1/hospital/coverage/{idNumber}", "/api/v1/hospital/settlements/trial", "/api/v1/hospital/settlements",
            "/api/v1/hospital/settlements/{settlementId}/reversal", "/api/v1/hospital/settlements/{settlementId}",
            "/api/v1/hospital/reconciliation", "/api/v1/hospital/clearing-statements",
            "/api/v1/hospital/clearing-statements/{statementId}",
            "/api/v1/hospital/clearing-statements/{statementId}/confirmation",
            "/api/v1/clearing/runs", "/api/v1/insurer/clearing-statements/{statementId}/payment",
            "/api/v1/insurer/accounts", "/api/v1/ledger/verification",
            "/api/v1/insurer/reimbursements", "/api/v1/insurer/reimbursements/{reimbursementId}",
            "/api/v1/insurer/reimbursements/{reimbursementId}/documents/{documentId}",
            "/api/v1/insurer/reimbursements/{reimbursementId}/decision",
            "/api/v1/insurer/reimbursements/{reimbursementId}/payment",
            "/api/v1/audit/records", "/api/v1/audit/verification");

    private static final Map<Pattern, String> PATTERNS = new LinkedHashMap<>();

    static {
        // Static paths first, so /settlements/trial is not taken for /settlements/{settlementId}.
        TEMPLATES.stream().sorted(java.util.Comparator.comparing((String t) -> t.contains("{")))
                .forEach(t -> PATTERNS.put(Pattern.compile(t.replaceAll("\\{[^}]+}", "[^/]+") + "/?"), t));
    }

    private Routes() {
    }

    /** The template a request path or a metrics {@code uri} tag stands for, or {@link #UNMATCHED}. */
    public static String template(String uri) {
        if (uri == null) {
            return UNMATCHED;
        }
        if (TEMPLATES.contains(uri)) {
            return uri;
        }
        for (Map.Entry<Pattern, String> entry : PATTERNS.entrySet()) {
            if (entry.getKey().matcher(uri).matches()) {
                return entry.getValue();
            }
        }
        return UNMATCHED;
    }
}
