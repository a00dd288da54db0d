package com.example.shop;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The shop's web API. */
@RestController
class ShopController {

    private final InventoryService inventory;

    private final PricingService pricing;

    ShopController(InventoryService inventory, PricingService pricing) {
        this.inventory = inventory;
        this.pricing = pricing;
    }

    @GetMapping("/stock/{sku}")
    String stock(@PathVariable String sku) {
        return this.inventory.stock(sku);
    }

    @GetMapping("/prices/{sku}")
    Price price(@PathVariable String sku, @RequestParam String customer) {
        return this.pricing.price(sku, customer);
    }

}
