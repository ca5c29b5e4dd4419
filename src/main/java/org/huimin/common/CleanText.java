package org.huimin.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** Text without NUL or other control characters (PostgreSQL refuses NUL; names and codes have no use for the rest). */
@Documented
@Constraint(validatedBy = CleanText.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface CleanText {
    String message() default "must not contain control characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<CleanText, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || !Text.hasControlCharacters(value);
        }
    }
}
