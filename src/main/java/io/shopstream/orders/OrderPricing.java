package io.shopstream.orders;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import io.shopstream.orders.Order.Item;
import io.shopstream.orders.Order.Snapshot;
import io.shopstream.orders.Order.Totals;
import io.shopstream.platform.web.InvalidRequestException;
import io.shopstream.products.Discount;
import io.shopstream.products.Product;

/**
 * The money of an order, in {@link BigDecimal} throughout. Each line: subtotal = price ×
 * quantity; the best discount that applies now (a percentage of the subtotal, or a fixed
 * amount off each unit, never more than the subtotal); tax = (subtotal − discount) × the
 * product's tax rate. Every amount is rounded HALF_EVEN to the currency's minor unit (3 ×
 * 19.99 at 8 % gives 59.97 and 4.80). Shipping is a flat fee, free from a threshold. All
 * lines must share one currency.
 */
final class OrderPricing {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private final OrderProperties properties;

	OrderPricing(OrderProperties properties) {
		this.properties = properties;
	}

	Priced price(List<Wanted> lines, Instant now) {
		String currency = lines.get(0).product().pricing().currency();
		for (Wanted line : lines) {
			if (!line.product().pricing().currency().equals(currency)) {
				throw InvalidRequestException.forField("items", "all items must be priced in one currency; found "
						+ currency + " and " + line.product().pricing().currency());
			}
		}
		int minorUnit = Currency.getInstance(currency).getDefaultFractionDigits();
		List<Item> items = new ArrayList<>();
		BigDecimal subtotal = BigDecimal.ZERO;
		BigDecimal discount = BigDecimal.ZERO;
		BigDecimal tax = BigDecimal.ZERO;
		for (Wanted line : lines) {
			Product product = line.product();
			BigDecimal price = product.pricing().basePrice();
			BigDecimal lineSubtotal = round(price.multiply(BigDecimal.valueOf(line.quantity())), minorUnit);
			BigDecimal lineDiscount = round(bestDiscount(product, line.quantity(), lineSubtotal, now), minorUnit);
			BigDecimal taxRate = (product.pricing().taxRate() != null) ? product.pricing().taxRate() : BigDecimal.ZERO;
			BigDecimal lineTax = round(lineSubtotal.subtract(lineDiscount).multiply(taxRate), minorUnit);
			items.add(new Item(product.id(), product.sku(), product.name(), price, line.quantity(), lineSubtotal,
					lineDiscount, lineTax, new Snapshot((product.category() != null) ? product.category().name() : null,
							product.attributes())));
			subtotal = subtotal.add(lineSubtotal);
			discount = discount.add(lineDiscount);
			tax = tax.add(lineTax);
		}
		BigDecimal afterDiscount = subtotal.subtract(discount);
		BigDecimal shipping = (afterDiscount.compareTo(this.properties.freeShippingFrom()) >= 0) ? BigDecimal.ZERO
				: this.properties.shippingFee();
		shipping = round(shipping, minorUnit);
		BigDecimal total = afterDiscount.add(tax).add(shipping);
		return new Priced(items, new Totals(subtotal.setScale(minorUnit), discount.setScale(minorUnit),
				tax.setScale(minorUnit), shipping, total.setScale(minorUnit), currency));
	}

	private static BigDecimal bestDiscount(Product product, int quantity, BigDecimal subtotal, Instant now) {
		List<Discount> discounts = product.pricing().discounts();
		BigDecimal best = BigDecimal.ZERO;
		if (discounts == null) {
			return best;
		}
		for (Discount discount : discounts) {
			if (!discount.appliesTo(now, quantity)) {
				continue;
			}
			BigDecimal amount = switch (discount.type()) {
				case percentage -> subtotal.multiply(discount.value().min(HUNDRED)).divide(HUNDRED);
				case fixed -> discount.value().multiply(BigDecimal.valueOf(quantity));
			};
			best = best.max(amount.min(subtotal));
		}
		return best;
	}

	private static BigDecimal round(BigDecimal amount, int minorUnit) {
		return amount.setScale(minorUnit, RoundingMode.HALF_EVEN);
	}

	/** A product and how many of it the order wants. */
	record Wanted(Product product, int quantity) {
	}

	/** The order's lines and totals. */
	record Priced(List<Item> items, Totals totals) {
	}

}
