package com.example.shop;

/**
 * A price quoted to a customer.
 *
 * @param sku the article
 * @param customer who asked
 * @param amount the price
 * @param source {@code live} from the pricing engine, {@code list} from the fallback
 * @param reason why the fallback answered, or {@code null}
 */
public record Price(String sku, String customer, String amount, String source, String reason) {
}
