package dev.breaker.sample.payment;

/**
 * What the shop tells its customer about a payment.
 *
 * @param userId who pays
 * @param amountCents how much
 * @param status {@code charged}, or {@code queued} when the provider is unavailable and the
 *        charge will be retried later
 * @param detail the provider's answer, or why the charge was queued
 */
public record PaymentResult(String userId, long amountCents, String status, String detail) {
}
