package org.huimin.claim;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.huimin.common.FieldError;
import org.huimin.common.Pure;
import org.huimin.common.Refusal;

/**
 * What every stay must satisfy before anything is computed for it, at a hospital desk or online: discharge not
 * before admission, neither after today (Asia/Shanghai), and a total that is the sum of the other eight amounts. Pure.
 */
@Pure
public final class StayChecks {

    private StayChecks() {
    }

    public static Optional<Refusal> refusal(SettlementAmounts amounts, LocalDate discharge, LocalDate today) {
        LocalDate admission = amounts.admissionDate();
        if (discharge.isBefore(admission)) {
            return Optional.of(Refusal.unprocessable("DISCHARGE_BEFORE_ADMISSION", "The discharge date is before the "
                    + "admission date.").withErrors(List.of(new FieldError("dischargeDate", "must not be before admissionDate"))));
        }
        if (admission.isAfter(today) || discharge.isAfter(today)) {
            String field = admission.isAfter(today) ? "admissionDate" : "dischargeDate";
            return Optional.of(Refusal.unprocessable("DATE_IN_FUTURE", "Admission and discharge may not lie after today ("
                    + today + ", Asia/Shanghai).").withErrors(List.of(new FieldError(field, "must not be after " + today))));
        }
        if (!amounts.addsUp()) {
            return Optional.of(Refusal.unprocessable("AMOUNTS_DO_NOT_ADD_UP", "totalAmount is not the sum of the fund "
                    + "payments and the self-pay amounts.")
                    .withErrors(List.of(new FieldError("totalAmount", "must equal the sum of the other eight amounts"))));
        }
        return Optional.empty();
    }
}
