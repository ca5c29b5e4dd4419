package org.huimin.refund;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Refund types written to JSON inside other answers (a cancellation's refund): native-image registration. */
@RegisterForReflection(targets = {RefundView.class, RefundLine.class, BureauRefundLine.class})
final class RefundJson {

    private RefundJson() {
    }
}
