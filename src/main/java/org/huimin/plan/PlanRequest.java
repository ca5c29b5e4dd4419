package org.huimin.plan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.huimin.common.Amount;
import org.huimin.common.CleanText;
import org.huimin.common.Money;
import org.huimin.common.ValidDate;

/**
 * Body of {@code POST /api/v1/plans} and {@code PUT /api/v1/plans/{code}}. Field checks here answer {@code 400};
 * consistency between fields ({@link PlanRules}) answers {@code 422}.
 */
public record PlanRequest(
        @NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_-]*") String code,
        @NotBlank @Size(max = 200) @CleanText String name,
        @NotNull @Pattern(regexp = "\\d{6}", message = "must be a 6-digit administrative division code") String region,
        @NotNull @Min(2000) @Max(2100) Integer planYear,
        @NotNull @Amount BigDecimal premium,
        @NotNull @ValidDate LocalDate enrolmentOpens,
        @NotNull @ValidDate LocalDate enrolmentCloses,
        @NotNull @ValidDate LocalDate coverageStarts,
        @NotNull @ValidDate LocalDate coverageEnds,
        @NotNull @Min(0) @Max(3660) Integer lateEnrolmentWaitingDays,
        @NotEmpty @Size(max = 6) List<@NotNull CareType> coveredCareTypes,
        @NotEmpty @Size(max = 10) Map<@NotBlank @Size(max = 32) @CleanText String, @NotNull @Amount BigDecimal> deductibles,
        @NotEmpty @Size(max = 2) List<@NotNull @Valid LiabilityTerms> liabilities,
        @NotEmpty @Size(max = 20) List<@NotNull @Valid InsurerTerms> insurers) {

    public record LiabilityTerms(
            @NotNull LiabilityCode code,
            @NotBlank @Size(max = 32) @CleanText String deductibleGroup,
            @NotNull @Digits(integer = 6, fraction = 6) BigDecimal ratio,
            @NotNull @Amount BigDecimal annualCap) {
    }

    public record InsurerTerms(
            @NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_-]*") String code,
            @NotNull @Digits(integer = 6, fraction = 6) BigDecimal share) {
    }

    Plan toPlan(long id) {
        Map<String, BigDecimal> groups = new LinkedHashMap<>();
        deductibles.forEach((group, amount) -> groups.put(group, Money.exact(amount)));
        return new Plan(id, code, name.strip(), region, planYear, Money.exact(premium), enrolmentOpens, enrolmentCloses,
                coverageStarts, coverageEnds, lateEnrolmentWaitingDays, new LinkedHashSet<>(coveredCareTypes), groups,
                liabilities.stream().map(l -> new Plan.Liability(l.code(), l.deductibleGroup(), l.ratio(),
                        Money.exact(l.annualCap()))).toList(),
                insurers.stream().map(i -> new Plan.Insurer(i.code(), i.share())).toList());
    }
}
