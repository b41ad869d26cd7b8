package io.shopstream.client;

import java.math.BigDecimal;
import java.util.List;

import io.shopstream.client.api.AuthApi;
import io.shopstream.client.api.InventoryApi;
import io.shopstream.client.api.OrdersApi;
import io.shopstream.client.api.ProductsApi;
import io.shopstream.client.model.Address;
import io.shopstream.client.model.Category;
import io.shopstream.client.model.Credentials;
import io.shopstream.client.model.Item;
import io.shopstream.client.model.Line;
import io.shopstream.client.model.NewOrder;
import io.shopstream.client.model.NewUser;
import io.shopstream.client.model.Order;
import io.shopstream.client.model.Pricing;
import io.shopstream.client.model.Product;
import io.shopstream.client.model.ProductDraft;
import io.shopstream.client.model.StockLevel;
import io.shopstream.client.model.Totals;
import io.shopstream.client.model.UserView;
import io.shopstream.support.Accounts;
import io.shopstream.support.EmbeddedApiTest;
import io.shopstream.support.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java client the build generates from the committed OpenAPI document
 * (openapi-generator's {@code java} generator, {@code native} library) drives the running
 * service as a client author would: register, log in, list products with a filter, place
 * an order and read it back with exact money. Money is {@link BigDecimal} in the
 * generated models, never a binary float.
 */
@EmbeddedApiTest
class GeneratedClientSmokeTests {

	@LocalServerPort
	int port;

	@Test
	void a_generated_client_registers_logs_in_lists_orders_and_reads_exact_money() throws ApiException {
		ApiClient admin = client(new AuthApi(client(null))
			.login(new Credentials().login(Accounts.ADMIN_LOGIN).password(Accounts.ADMIN_PASSWORD))
			.getToken());
		String category = Fixtures.unique("gen-").toLowerCase();
		String sku = Fixtures.unique("GEN-");
		new ProductsApi(admin).createProduct(new ProductDraft().sku(sku)
			.name("Generated Widget")
			.category(new Category().name("Generated").slug(category))
			.pricing(new Pricing().basePrice(new BigDecimal("19.99")).currency("USD").taxRate(new BigDecimal("0.08"))));
		new InventoryApi(admin).setInventory(sku, new StockLevel().quantity(10L).reorderPoint(5L).reorderQuantity(50L));

		String name = Fixtures.unique("gen");
		AuthApi auth = new AuthApi(client(null));
		UserView registered = auth
			.register(new NewUser().email(name + "@example.com").username(name).password(Accounts.PASSWORD));
		assertThat(registered.getBalance()).isEqualTo(new BigDecimal("0.00"));
		ApiClient customer = client(auth.login(new Credentials().login(name).password(Accounts.PASSWORD)).getToken());

		List<Product> listed = new ProductsApi(customer).listProducts(category, new BigDecimal("10.00"), null, null,
				null, null, null, null);
		assertThat(listed).extracting(Product::getSku).containsExactly(sku);
		assertThat(listed.get(0).getPricing().getBasePrice()).isEqualTo(new BigDecimal("19.99"));

		OrdersApi orders = new OrdersApi(customer);
		Order placed = orders.placeOrder(new NewOrder().addItemsItem(new Line().sku(sku).quantity(3))
			.shippingAddress(new Address().name("Ada Lovelace")
				.street("12 St James's Square")
				.city("London")
				.postalCode("SW1Y 4JH")
				.country("GB"))
			.paymentMethod(NewOrder.PaymentMethodEnum.CARD));
		Order read = orders.getOrder(placed.getId());
		assertThat(read.getTotals().getSubtotal()).isEqualTo(new BigDecimal("59.97"));
		assertThat(read.getTotals().getTax()).isEqualTo(new BigDecimal("4.80"));
		assertThat(read.getTotals().getTotal()).isEqualTo(new BigDecimal("69.77"));
		assertThat(read.getItems().get(0).getPrice()).isEqualTo(new BigDecimal("19.99"));
	}

	@Test
	void money_in_the_generated_models_is_big_decimal() throws NoSuchFieldException {
		assertThat(Totals.class.getDeclaredField("total").getType()).isEqualTo(BigDecimal.class);
		assertThat(Pricing.class.getDeclaredField("basePrice").getType()).isEqualTo(BigDecimal.class);
		assertThat(UserView.class.getDeclaredField("balance").getType()).isEqualTo(BigDecimal.class);
		assertThat(Item.class.getDeclaredField("price").getType()).isEqualTo(BigDecimal.class);
	}

	private ApiClient client(String token) {
		ApiClient client = new ApiClient();
		client.updateBaseUri("http://localhost:" + this.port);
		if (token != null) {
			client.setRequestInterceptor((request) -> request.header("Authorization", "Bearer " + token));
		}
		return client;
	}

}
