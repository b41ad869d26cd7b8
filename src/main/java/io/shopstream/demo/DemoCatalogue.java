package io.shopstream.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.shopstream.products.Category;
import io.shopstream.products.Discount;
import io.shopstream.products.Pricing;
import io.shopstream.products.ProductDraft;
import io.shopstream.products.ProductStatus;
import io.shopstream.products.Seo;

/**
 * Realistic, deterministic products: categories with their own attributes, prices,
 * discounts.
 */
final class DemoCatalogue {

	private static final List<Kind> KINDS = List.of(
			new Kind("Electronics", "electronics", List.of("Headphones", "Speaker", "Charger", "Keyboard", "Monitor"),
					Map.of("color", List.of("Black", "Silver", "White"), "wireless", List.of(true, false)), 19, 499),
			new Kind("Kitchen", "kitchen", List.of("Kettle", "Pan", "Knife Set", "Blender", "Mug"),
					Map.of("material", List.of("Steel", "Ceramic", "Glass"), "capacity_ml", List.of(300, 500, 1500)), 8,
					180),
			new Kind("Outdoors", "outdoors", List.of("Tent", "Backpack", "Lantern", "Bottle", "Jacket"),
					Map.of("color", List.of("Green", "Orange", "Navy"), "weight_g", List.of(250, 900, 2400)), 12, 350),
			new Kind("Books", "books", List.of("Cookbook", "Novel", "Atlas", "Field Guide", "Notebook"),
					Map.of("format", List.of("Hardcover", "Paperback"), "pages", List.of(120, 320, 640)), 6, 60),
			new Kind("Toys", "toys", List.of("Puzzle", "Robot Kit", "Board Game", "Kite", "Building Set"),
					Map.of("age", List.of("3+", "8+", "12+"), "pieces", List.of(50, 500, 1000)), 9, 120));

	private static final List<String> ADJECTIVES = List.of("Classic", "Premium", "Compact", "Pro", "Everyday", "Deluxe",
			"Eco", "Travel", "Studio", "Smart");

	private DemoCatalogue() {
	}

	static List<ProductDraft> products(int count, Random random, Instant now) {
		List<ProductDraft> drafts = new ArrayList<>(count);
		for (int i = 1; i <= count; i++) {
			Kind kind = KINDS.get(i % KINDS.size());
			String noun = kind.nouns().get(random.nextInt(kind.nouns().size()));
			String name = ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + " " + noun + " " + (100 + i);
			Map<String, Object> attributes = new LinkedHashMap<>();
			kind.attributes()
				.forEach((attribute, values) -> attributes.put(attribute, values.get(random.nextInt(values.size()))));
			BigDecimal price = BigDecimal.valueOf(kind.minPrice() + random.nextInt(kind.maxPrice() - kind.minPrice()))
				.add(new BigDecimal("0.99"));
			List<Discount> discounts = new ArrayList<>();
			if (random.nextInt(4) == 0) {
				discounts.add(new Discount(Discount.Type.percentage, BigDecimal.valueOf(5 + random.nextInt(4) * 5),
						now.minus(400, ChronoUnit.DAYS), now.plus(60, ChronoUnit.DAYS),
						new Discount.Conditions(2 + random.nextInt(3))));
			}
			if (random.nextInt(6) == 0) {
				discounts.add(new Discount(Discount.Type.fixed, price.divide(BigDecimal.TEN, 2, RoundingMode.HALF_EVEN),
						now.minus(200, ChronoUnit.DAYS), now.minus(100, ChronoUnit.DAYS), null));
			}
			ProductStatus status = (i % 50 == 0) ? ProductStatus.discontinued : ProductStatus.active;
			drafts
				.add(new ProductDraft("DEMO-%04d".formatted(i), name, null,
						"The " + name.toLowerCase() + ", a favourite in " + kind.name().toLowerCase() + ".",
						new Category(kind.name(), kind.slug(), List.of("Home", kind.name())), null, attributes,
						new Pricing(price, "USD", discounts, new BigDecimal("0.08")), new Seo(name + " | Shopstream",
								"Buy the " + name + " at Shopstream.", List.of(kind.slug(), noun.toLowerCase())),
						status));
		}
		return drafts;
	}

	private record Kind(String name, String slug, List<String> nouns, Map<String, List<?>> attributes, int minPrice,
			int maxPrice) {
	}

}
