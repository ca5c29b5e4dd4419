package org.huimin.enrolment;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/enrolments}: a person enrolling self and family. */
public record EnrolmentRequest(
        @NotBlank @Size(max = 32) String plan,
        @NotNull PayerType payer,
        @NotEmpty @Size(max = 20, message = "a family enrolment has at most 20 members") List<@NotNull @Valid Member> members) {

    public record Member(
            @NotBlank @Size(max = 18) String idNumber,
            @NotBlank @Size(max = 100) String name,
            @NotNull Relation relation,
            Boolean consent) {
    }
}
