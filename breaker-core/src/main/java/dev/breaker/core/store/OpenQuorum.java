package dev.breaker.core.store;

/**
 * How far a breaker is from opening for every instance that shares a store: the instances that
 * tripped it within its last open wait, against how many must.
 *
 * @param instancesTripped distinct instances that tripped the breaker within its last open wait;
 *        -1 when the store cannot tell now
 * @param quorum how many must trip it before its OPEN is shared
 */
public record OpenQuorum(int instancesTripped, int quorum) {
}
