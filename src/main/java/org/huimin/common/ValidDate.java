package org.huimin.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A date (or an instant's date) within 1900-01-01..2999-12-31, the range API.md accepts. */
@Documented
@Constraint(validatedBy = {ValidDate.ForDate.class, ValidDate.ForInstant.class})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidDate {
    String message() default "must lie between 1900-01-01 and 2999-12-31";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class ForDate implements ConstraintValidator<ValidDate, LocalDate> {
        @Override
        public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
            return value == null || Text.dateInRange(value);
        }
    }

    class ForInstant implements ConstraintValidator<ValidDate, OffsetDateTime> {
        @Override
        public boolean isValid(OffsetDateTime value, ConstraintValidatorContext context) {
            return value == null || Text.dateInRange(value.toLocalDate());
        }
    }
}
