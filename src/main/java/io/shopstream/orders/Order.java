package io.shopstream.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.mapping.FieldType;

/**
 * An order in the {@code orders} collection, and its API shape. The customer and each
 * item are snapshots taken at placement, so the order reads the same whatever happens to
 * the user or the product later. Totals are computed by the service, never taken from the
 * client.
 */
@Document(OrderSchema.COLLECTION)
public record Order(@Id String id, String orderNumber, Customer user, List<Item> items, Address shippingAddress,
		Address billingAddress, Payment payment, Totals totals, OrderStatus status, List<StatusChange> statusHistory,
		Map<String, String> metadata, Instant createdAt, Instant updatedAt) {

	/** Who ordered, as they were at the time. */
	public record Customer(@Field(name = "_id", targetType = FieldType.OBJECT_ID) String id, String email,
			String name) {
	}

	/** One line, with the product as it was. */
	public record Item(@Field(targetType = FieldType.OBJECT_ID) String productId, String sku, String name,
			BigDecimal price, int quantity, BigDecimal subtotal, BigDecimal discount, BigDecimal tax,
			Snapshot snapshot) {
	}

	/** The product's category and attributes when it was ordered. */
	public record Snapshot(String category, Map<String, Object> attributes) {
	}

	/** The order's money, all in {@code currency}, rounded to its minor unit. */
	public record Totals(BigDecimal subtotal, BigDecimal discount, BigDecimal tax, BigDecimal shipping,
			BigDecimal total, String currency) {
	}

	/** How the order is paid. */
	public record Payment(PaymentMethod method, String status) {
	}

	/** One step of the lifecycle: the status, when, and who made it. */
	public record StatusChange(OrderStatus status, Instant at, @Field(targetType = FieldType.OBJECT_ID) String by,
			String note) {
	}

	public enum PaymentMethod {

		/** Paid by credit or debit card. */
		card,

		/** Paid through PayPal. */
		paypal,

		/** Paid by bank transfer. */
		bank_transfer,

		/** Paid in cash to the courier on delivery. */
		cash_on_delivery,

		/**
		 * Paid from the buyer's Shopstream balance, in the transaction that places the
		 * order; refunded in the one that cancels it.
		 */
		balance

	}

}
