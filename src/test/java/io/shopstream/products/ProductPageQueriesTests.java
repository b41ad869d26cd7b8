package io.shopstream.products;

import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.shopstream.platform.web.paging.KeysetPager;
import io.shopstream.support.Accounts;
import io.shopstream.support.Catalogue;
import io.shopstream.support.EmbeddedApiTest;
import io.shopstream.support.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a page of products costs MongoDB ({@link KeysetPager}): a page of up to a hundred
 * is one {@code find} (the page and the item after it); a larger one is a probe and then
 * the page.
 */
@EmbeddedApiTest
@Import(ProductPageQueriesTests.CountedFinds.class)
class ProductPageQueriesTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private CountedFinds finds;

	@Test
	void a_page_of_up_to_a_hundred_is_one_query_and_a_larger_one_two() {
		String category = Fixtures.unique("paged-");
		WebTestClient admin = Accounts.admin(this.client);
		for (int i = 0; i < 3; i++) {
			String sku = Fixtures.unique("PG-");
			Catalogue.product(admin, sku, null, """
					{"sku": "%s", "name": "Paged", "category": {"name": "Paged", "slug": "%s"},
					 "pricing": {"base_price": "1.00", "currency": "USD"}}""".formatted(sku, category));
		}
		for (int limit : new int[] { 2, KeysetPager.HELD_PAGE, KeysetPager.HELD_PAGE + 1 }) {
			int before = this.finds.onProducts.get();
			this.client.get()
				.uri("/api/v1/products?category={category}&limit={limit}", category, limit)
				.exchange()
				.expectStatus()
				.isOk();
			assertThat(this.finds.onProducts.get() - before).as("finds for a page of %d", limit)
				.isEqualTo((limit <= KeysetPager.HELD_PAGE) ? 1 : 2);
		}
	}

	/** Counts the {@code find} commands sent to the products collection. */
	@TestConfiguration(proxyBeanMethods = false)
	static class CountedFinds implements CommandListener {

		final AtomicInteger onProducts = new AtomicInteger();

		@Bean
		MongoClientSettingsBuilderCustomizer countFinds() {
			return (settings) -> settings.addCommandListener(this);
		}

		@Override
		public void commandStarted(CommandStartedEvent event) {
			if (event.getCommandName().equals("find")
					&& ProductSchema.COLLECTION.equals(event.getCommand().getString("find").getValue())) {
				this.onProducts.incrementAndGet();
			}
		}

	}

}
