package org.huimin.reimbursement;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Documents added to a claim the reviewer asked more of. */
public record MoreDocuments(@NotNull @Size(min = 1, max = 20) List<@NotNull UUID> documents) {
}
