package d2l.mlp.report;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a component of a metrics record: {@link ResultWriter} writes the component's keys (a map's keys, or a record's
 * components) into the record's own JSON object, in the component's place, instead of under the component's name.
 * For keys that are data, such as one entry per polynomial degree or per λ, beside the record's fixed keys.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Inline {}
