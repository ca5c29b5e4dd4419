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

/** Body of {@code POST /api/v1/enrolments}: a person enrolling self and family (at most 10 members). */
public record EnrolmentRequest(
        @NotBlank @Size(max = 32) @CleanText String plan,
        @NotNull PayerType payer,
        @NotEmpty(groups = SizeFirst.class) @Size(max = MAX_MEMBERS, groups = SizeFirst.class, message = "a family enrolment has at most 10 members")
        @JsonDeserialize(using = BoundedList.class) List<@NotNull @Valid Member> members) {

    public static final int MAX_MEMBERS = 10;

    public record Member(
            @NotBlank @Size(max = 18) @CleanText String idNumber,
            @NotBlank @Size(max = 100) @CleanText String name,
            @NotNull Relation relation,
            Boolean consent) {
    }

    /** What "the same request" means for an {@code Idempotency-Key} (the first release's layout, field by field). */
    String fingerprint() {
        return Fingerprint.of().field("plan", plan).field("payer", payer)
                .objects("members", members, (f, m) -> f.field("idNumber", m.idNumber()).field("name", m.name())
                        .field("relation", m.relation()).field("consent", m.consent()))
                .sha256();
    }
}
