package io.shopstream.platform.mongo.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When the embedded back-end starts, where it listens, and that it stops with the context. */
class EmbeddedMongoAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EmbeddedMongoAutoConfiguration.class));

	@Test
	void starts_on_a_loopback_port_when_no_uri_is_configured_and_stops_with_the_context() {
		InetSocketAddress[] address = new InetSocketAddress[1];
		this.runner.run((context) -> {
			EmbeddedMongoServer server = context.getBean(EmbeddedMongoServer.class);
			address[0] = server.address();
			assertThat(address[0].getAddress().isLoopbackAddress()).isTrue();
			assertThat(context.getBean(MongoConnectionDetails.class).getConnectionString().getConnectionString())
				.isEqualTo("mongodb://127.0.0.1:" + address[0].getPort() + "/shopstream");
			try (Socket socket = new Socket(address[0].getAddress(), address[0].getPort())) {
				assertThat(socket.isConnected()).isTrue();
			}
		});
		assertThatThrownBy(() -> new Socket(address[0].getAddress(), address[0].getPort()).close())
			.isInstanceOf(IOException.class);
	}

	@Test
	void stays_off_when_a_uri_or_host_is_configured_or_it_is_disabled() {
		this.runner.withPropertyValues("spring.mongodb.uri=mongodb://db.example:27017/shopstream")
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedMongoServer.class));
		this.runner.withPropertyValues("spring.mongodb.host=db.example")
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedMongoServer.class));
		this.runner.withPropertyValues("shopstream.embedded.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedMongoServer.class));
	}

	@Test
	void stays_off_when_a_service_connection_provides_the_server() {
		this.runner.withBean(MongoConnectionDetails.class,
				() -> () -> new com.mongodb.ConnectionString("mongodb://db.example/shopstream"))
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedMongoServer.class));
	}

}
