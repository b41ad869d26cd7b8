package io.shopstream.platform.mongo.embedded;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.mongodb.ConnectionString;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * When the embedded back-end starts, where it listens, and that it stops with the
 * context.
 */
class EmbeddedMongoAutoConfigurationTests {

	private static final int OP_MSG = 2013;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EmbeddedMongoAutoConfiguration.class));

	@Test
	void starts_on_a_loopback_port_that_answers_mongodb_commands_and_stops_with_the_context() {
		InetSocketAddress[] address = new InetSocketAddress[1];
		this.runner.run((context) -> {
			EmbeddedMongoServer server = context.getBean(EmbeddedMongoServer.class);
			address[0] = server.address();
			assertThat(address[0].getAddress().isLoopbackAddress()).isTrue();
			assertThat(context.getBean(MongoConnectionDetails.class).getConnectionString().getConnectionString())
				.isEqualTo("mongodb://127.0.0.1:" + address[0].getPort() + "/shopstream");
			try (Socket socket = new Socket(address[0].getAddress(), address[0].getPort())) {
				assertThat(ping(socket).get("ok", Number.class).doubleValue()).isEqualTo(1.0);
			}
		});
		assertThatThrownBy(() -> new Socket(address[0].getAddress(), address[0].getPort()).close())
			.isInstanceOf(IOException.class);
	}

	/**
	 * Sends {@code {ping: 1}} as an OP_MSG (the wire protocol every MongoDB driver
	 * speaks) over the socket and reads the server's reply document: a port that merely
	 * accepts connections would not answer.
	 */
	private static Document ping(Socket socket) throws IOException {
		socket.setSoTimeout(10_000);
		BasicOutputBuffer encoded = new BasicOutputBuffer();
		new DocumentCodec().encode(new BsonBinaryWriter(encoded), new Document("ping", 1).append("$db", "admin"),
				EncoderContext.builder().build());
		byte[] document = encoded.toByteArray();
		int length = 16 + 4 + 1 + document.length;
		ByteBuffer message = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
		message.putInt(length).putInt(1).putInt(0).putInt(OP_MSG).putInt(0).put((byte) 0).put(document);
		socket.getOutputStream().write(message.array());
		DataInputStream in = new DataInputStream(socket.getInputStream());
		byte[] header = new byte[16];
		in.readFully(header);
		ByteBuffer reply = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
		int replyLength = reply.getInt();
		reply.getInt();
		assertThat(reply.getInt()).as("responseTo").isEqualTo(1);
		assertThat(reply.getInt()).as("opCode").isEqualTo(OP_MSG);
		byte[] rest = new byte[replyLength - 16];
		in.readFully(rest);
		assertThat(rest[4]).as("section kind").isEqualTo((byte) 0);
		byte[] body = new byte[rest.length - 5];
		System.arraycopy(rest, 5, body, 0, body.length);
		return new DocumentCodec().decode(new BsonBinaryReader(ByteBuffer.wrap(body)),
				DecoderContext.builder().build());
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
		this.runner
			.withBean(MongoConnectionDetails.class, () -> () -> new ConnectionString("mongodb://db.example/shopstream"))
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedMongoServer.class));
	}

}
