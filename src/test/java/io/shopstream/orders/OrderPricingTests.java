package io.shopstream.orders;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.shopstream.orders.OrderPricing.Priced;
import io.shopstream.orders.OrderPricing.Wanted;
import io.shopstream.platform.web.InvalidRequestException;
import io.shopstream.products.Discount;
import io.shopstream.products.Pricing;
import io.shopstream.products.Product;
import io.shopstream.products.ProductStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Order money, computed by hand: BigDecimal, HALF_EVEN to the currency's minor unit. */
class OrderPricingTests {

	private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

	private final OrderPricing pricing = new OrderPricing(new OrderProperties(new BigDecimal("5.00"),
			new BigDecimal("100.00"), Duration.ofMinutes(2), Duration.ofSeconds(30)));

	@Test
	void three_at_19_99_with_8_percent_tax() {
		Priced priced = this.pricing.price(List.of(new Wanted(product("A", "19.99", "USD", "0.08"), 3)), NOW);
		assertThat(priced.totals().subtotal()).isEqualByComparingTo("59.97");
		assertThat(priced.totals().subtotal().toPlainString()).isEqualTo("59.97");
		assertThat(priced.totals().tax().toPlainString()).isEqualTo("4.80");
		assertThat(priced.totals().shipping().toPlainString()).isEqualTo("5.00");
		assertThat(priced.totals().total().toPlainString()).isEqualTo("69.77");
		assertThat(priced.items().get(0).subtotal().toPlainString()).isEqualTo("59.97");
	}

	@Test
	void rounds_half_even_per_line() {
		// 0.125 -> 0.12 (even), 0.375 -> 0.38 (even)
		Priced priced = this.pricing.price(List.of(new Wanted(product("A", "1.25", "USD", "0.10"), 1),
				new Wanted(product("B", "3.75", "USD", "0.10"), 1)), NOW);
		assertThat(priced.items().get(0).tax().toPlainString()).isEqualTo("0.12");
		assertThat(priced.items().get(1).tax().toPlainString()).isEqualTo("0.38");
		assertThat(priced.totals().tax().toPlainString()).isEqualTo("0.50");
	}

	@Test
	void applies_the_best_valid_discount_with_its_conditions() {
		Discount tenPercentFromFive = new Discount(Discount.Type.percentage, new BigDecimal("10"), null, null,
				new Discount.Conditions(5));
		Discount twoOffEach = new Discount(Discount.Type.fixed, new BigDecimal("2.00"), NOW.minusSeconds(60),
				NOW.plusSeconds(60), null);
		Discount expired = new Discount(Discount.Type.percentage, new BigDecimal("90"), null, NOW.minusSeconds(1),
				null);
		Product widget = product("W", "19.99", "USD", "0.08", tenPercentFromFive, twoOffEach, expired);

		Priced four = this.pricing.price(List.of(new Wanted(widget, 4)), NOW);
		assertThat(four.totals().discount().toPlainString()).isEqualTo("8.00");

		Priced ten = this.pricing.price(List.of(new Wanted(widget, 10)), NOW);
		// 10 % of 199.90 is 19.99; 2.00 off each of 10 is 20.00, the better one
		assertThat(ten.totals().discount().toPlainString()).isEqualTo("20.00");
		// tax on 179.90 at 8% = 14.392 -> 14.39; shipping free from 100.00
		assertThat(ten.totals().tax().toPlainString()).isEqualTo("14.39");
		assertThat(ten.totals().shipping().toPlainString()).isEqualTo("0.00");
		assertThat(ten.totals().total().toPlainString()).isEqualTo("194.29");
	}

	@Test
	void a_discount_never_exceeds_the_line() {
		Discount huge = new Discount(Discount.Type.fixed, new BigDecimal("50"), null, null, null);
		Priced priced = this.pricing.price(List.of(new Wanted(product("C", "9.99", "USD", null, huge), 2)), NOW);
		assertThat(priced.totals().discount().toPlainString()).isEqualTo("19.98");
		assertThat(priced.totals().total().toPlainString()).isEqualTo("5.00");
	}

	@Test
	void uses_the_minor_unit_of_the_currency() {
		Priced yen = this.pricing.price(List.of(new Wanted(product("J", "1999", "JPY", "0.10"), 3)), NOW);
		assertThat(yen.totals().subtotal().toPlainString()).isEqualTo("5997");
		assertThat(yen.totals().tax().toPlainString()).isEqualTo("600");
	}

	@Test
	void refuses_mixed_currencies() {
		assertThatThrownBy(() -> this.pricing.price(List.of(new Wanted(product("A", "1.00", "USD", null), 1),
				new Wanted(product("B", "1.00", "EUR", null), 1)), NOW))
			.isInstanceOf(InvalidRequestException.class);
	}

	private static Product product(String sku, String price, String currency, String taxRate, Discount... discounts) {
		return new Product("0123456789abcdef0123456" + sku.length(), sku, sku, sku.toLowerCase(), null, null, null,
				Map.of(), new Pricing(new BigDecimal(price), currency, List.of(discounts),
						(taxRate != null) ? new BigDecimal(taxRate) : null),
				null, ProductStatus.active, NOW, NOW, NOW);
	}

}
