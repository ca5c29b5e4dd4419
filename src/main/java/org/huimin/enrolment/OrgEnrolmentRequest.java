package org.huimin.enrolment;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.huimin.common.BoundedList;
import org.huimin.common.CleanText;
import org.huimin.common.Fingerprint;
import org.huimin.common.SizeFirst;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/** Body of {@code POST /api/v1/org/enrolments}: an organisation enrolling and paying for a list (at most 5,000). */
public record OrgEnrolmentRequest(
        @NotBlank @Size(max = 32) @CleanText String plan,
        @NotEmpty(groups = SizeFirst.class) @Size(max = MAX_MEMBERS, groups = SizeFirst.class, message = "an organisation enrols at most 5000 members per request")
        @JsonDeserialize(using = BoundedList.class) List<@NotNull @Valid Member> members) {

    public static final int MAX_MEMBERS = 5000;

    public record Member(
            @NotBlank @Size(max = 18) @CleanText String idNumber,
            @NotBlank @Size(max = 100) @CleanText String name,
            Boolean consent,
            Boolean guardianConsent) {
    }

    /** What "the same request" means for an {@code Idempotency-Key} (the first release's layout, field by field). */
    String fingerprint() {
        return Fingerprint.of().field("plan", plan)
                .objects("members", members, (f, m) -> f.field("idNumber", m.idNumber()).field("name", m.name())
                        .field("consent", m.consent()).field("guardianConsent", m.guardianConsent()))
                .sha256();
    }
}
