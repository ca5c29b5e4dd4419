package org.huimin.enrolment;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/org/enrolments}: an organisation enrolling and paying for a list. */
public record OrgEnrolmentRequest(
        @NotBlank @Size(max = 32) String plan,
        @NotEmpty @Size(max = 5000, message = "an organisation enrols at most 5000 members per request") List<@NotNull @Valid Member> members) {

    public record Member(
            @NotBlank @Size(max = 18) String idNumber,
            @NotBlank @Size(max = 100) String name,
            Boolean consent,
            Boolean guardianConsent) {
    }
}
