package io.shopstream.support;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Products and stock for tests, created through the API as an admin would. */
public final class Catalogue {

	private Catalogue() {
	}

	/** Creates an active product and returns its id. */
	public static String product(WebTestClient admin, String sku, String price, String json) {
		String body = (json != null) ? json : """
				{"sku": "%s", "name": "Product %s", "category": {"name": "Gadgets", "slug": "gadgets"},
				 "pricing": {"base_price": "%s", "currency": "USD", "tax_rate": "0.08"}}""".formatted(sku, sku, price);
		Map<?, ?> created = admin.post()
			.uri("/api/v1/products")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return (String) created.get("id");
	}

	public static void stock(WebTestClient admin, String sku, long quantity) {
		admin.put()
			.uri("/api/v1/inventory/{sku}", sku)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"quantity\": " + quantity + ", \"reorder_point\": 5, \"reorder_quantity\": 50}")
			.exchange()
			.expectStatus()
			.isOk();
	}

	/** Changes a sku's stock by {@code delta} units, as an admin. */
	public static void adjust(WebTestClient admin, String sku, long delta) {
		admin.post()
			.uri("/api/v1/inventory/{sku}/adjust", sku)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"delta\": " + delta + "}")
			.exchange()
			.expectStatus()
			.isOk();
	}

	public static String order(String... skuAndQuantity) {
		StringBuilder items = new StringBuilder();
		for (int i = 0; i < skuAndQuantity.length; i += 2) {
			if (i > 0) {
				items.append(", ");
			}
			items.append("{\"sku\": \"")
				.append(skuAndQuantity[i])
				.append("\", \"quantity\": ")
				.append(skuAndQuantity[i + 1])
				.append('}');
		}
		return """
				{"items": [%s],
				 "shipping_address": {"name": "Ada Lovelace", "street": "12 St James's Square", "city": "London",
				  "postal_code": "SW1Y 4JH", "country": "GB"},
				 "payment_method": "card"}""".formatted(items);
	}

}
