package org.huimin.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the pure core: business rules as plain Java functions of their inputs — no database, no CDI, no {@code Uni},
 * no JSON library. ArchitectureTest finds these classes by this annotation and keeps framework code out of them.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Pure {
}
