/**
 * Spring AOT support: runtime hints for the reflection that protected calls and the YAML
 * configuration need in a native image.
 */
@NullMarked
package dev.breaker.spring.aot;

import org.jspecify.annotations.NullMarked;
